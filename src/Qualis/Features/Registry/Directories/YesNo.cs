namespace Qualis.Features.Registry.Directories;

/// <summary>是/否 as officials write it in spreadsheets.</summary>
public static class YesNo
{
    private static readonly string[] Yes = ["是", "在岗", "有效", "y", "yes", "true", "1", "√"];
    private static readonly string[] No = ["否", "不在岗", "离岗", "无效", "n", "no", "false", "0", "×"];

    public static bool TryParse(string text, out bool value)
    {
        var t = text.Trim().ToLowerInvariant();
        value = Yes.Contains(t);
        return value || No.Contains(t);
    }
}
