namespace Qualis.Platform.Access;

/// <summary>
/// Marks a page or endpoint whose route names one record of <see cref="RecordType"/> by its key ({id} or {code}).
/// The access-matrix test finds every such route and checks that an official of another area gets 404 or 403.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RecordPageAttribute(Type recordType) : Attribute
{
    public Type RecordType { get; } = recordType;
}
