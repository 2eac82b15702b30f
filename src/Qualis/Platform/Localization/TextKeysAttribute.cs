namespace Qualis.Platform.Localization;

/// <summary>
/// Says that an enum's values are looked up as texts at run time, as <paramref name="prefix"/> followed by the value's
/// name (lower-cased when <paramref name="lowerCase"/>), e.g. <c>[TextKeys("check.status.")]</c> for
/// <c>L["check.status." + status]</c>. The texts test then requires a text in both languages for every value, so the
/// enum's module needs no line elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Enum, AllowMultiple = true, Inherited = false)]
public sealed class TextKeysAttribute(string prefix, bool lowerCase = false) : Attribute
{
    public string Prefix { get; } = prefix;
    public bool LowerCase { get; } = lowerCase;

    public IEnumerable<string> KeysOf(Type enumType) =>
        Enum.GetNames(enumType).Select(n => Prefix + (LowerCase ? n.ToLowerInvariant() : n));
}
