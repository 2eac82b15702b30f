namespace Qualis.Platform.Localization;

/// <summary>
/// A message's arguments that are themselves text keys — a status, a holder kind, a size class a rule names — read in the
/// reader's language instead of shown as their keys. Rules return keys, not texts, so they stay free of the request.
/// </summary>
public static class TextArguments
{
    /// <summary>The arguments, each one that is a known text key replaced by its text; every other one as it is.</summary>
    public static object[] Read(this IStringLocalizer l, object[] args) =>
        [.. args.Select(a => a is string s && s.Contains('.') && l[s] is { ResourceNotFound: false } text ? text.Value : a)];
}
