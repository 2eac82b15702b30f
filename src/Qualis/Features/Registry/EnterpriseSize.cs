using Qualis.Platform.Modules;

namespace Qualis.Features.Registry;

/// <summary>企业规模: size class by the national statistical thresholds (统计上大中小微型企业划分办法(2017)).</summary>
[TextKeys("registry.size.", lowerCase: true)]
[ModuleFace]
public enum EnterpriseSize
{
    /// <summary>大型.</summary>
    Large,
    /// <summary>中型.</summary>
    Medium,
    /// <summary>小型.</summary>
    Small,
    /// <summary>微型.</summary>
    Micro,
}

/// <summary>
/// Size classes as officials write them (大型, 大, 大型企业, Large …) and as the export writes them (the texts
/// registry.size.*), so an exported file imports again; and each class's text key, which other modules show too.
/// </summary>
[ModuleFace]
public static class EnterpriseSizeText
{
    private static readonly Dictionary<string, EnterpriseSize> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["大型"] = EnterpriseSize.Large, ["大"] = EnterpriseSize.Large, ["大型企业"] = EnterpriseSize.Large,
        ["中型"] = EnterpriseSize.Medium, ["中"] = EnterpriseSize.Medium, ["中型企业"] = EnterpriseSize.Medium,
        ["小型"] = EnterpriseSize.Small, ["小"] = EnterpriseSize.Small, ["小型企业"] = EnterpriseSize.Small,
        ["微型"] = EnterpriseSize.Micro, ["微"] = EnterpriseSize.Micro, ["微型企业"] = EnterpriseSize.Micro,
        ["Large"] = EnterpriseSize.Large, ["Medium"] = EnterpriseSize.Medium, ["Small"] = EnterpriseSize.Small, ["Micro"] = EnterpriseSize.Micro,
        ["Large enterprise"] = EnterpriseSize.Large, ["Medium enterprise"] = EnterpriseSize.Medium, ["Medium-sized"] = EnterpriseSize.Medium,
        ["Small enterprise"] = EnterpriseSize.Small, ["Micro enterprise"] = EnterpriseSize.Micro,
    };

    /// <summary>The size class's text key (registry.size.*).</summary>
    public static string TextKey(this EnterpriseSize size) => "registry.size." + size.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out EnterpriseSize size)
    {
        size = default;
        var t = Platform.Import.CellText.Normalise(text);
        return t is not null && Names.TryGetValue(t, out size);
    }
}
