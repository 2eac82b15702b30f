using Qualis.Platform.Modules;

namespace Qualis.Features.Registry;

/// <summary>登记状态: the registration status of a market entity as the enterprise credit publicity system shows it.</summary>
[TextKeys("registry.status.", lowerCase: true)]
[ModuleFace]
public enum EnterpriseStatus
{
    /// <summary>存续 (在营、开业、在册): registered and not wound up.</summary>
    Existing,
    /// <summary>在业: in business.</summary>
    Operating,
    /// <summary>注销: deregistered; the entity no longer exists.</summary>
    Deregistered,
    /// <summary>吊销: licence revoked (the entity still exists until it is deregistered).</summary>
    Revoked,
    /// <summary>迁出: moved to another registration authority.</summary>
    MovedOut,
}

/// <summary>
/// Statuses as officials and the publicity system write them (存续, 存续（在营、开业、在册）, 吊销，未注销 …), in English,
/// and as the export writes them (the texts registry.status.*), so an exported file imports again.
/// </summary>
public static class EnterpriseStatusText
{
    private static readonly Dictionary<string, EnterpriseStatus> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["存续"] = EnterpriseStatus.Existing, ["存续(在营、开业、在册)"] = EnterpriseStatus.Existing,
        ["在营"] = EnterpriseStatus.Existing, ["开业"] = EnterpriseStatus.Existing, ["在册"] = EnterpriseStatus.Existing,
        ["在业"] = EnterpriseStatus.Operating,
        ["注销"] = EnterpriseStatus.Deregistered, ["已注销"] = EnterpriseStatus.Deregistered, ["吊销,已注销"] = EnterpriseStatus.Deregistered,
        ["吊销"] = EnterpriseStatus.Revoked, ["已吊销"] = EnterpriseStatus.Revoked, ["吊销,未注销"] = EnterpriseStatus.Revoked,
        ["迁出"] = EnterpriseStatus.MovedOut, ["已迁出"] = EnterpriseStatus.MovedOut,
        ["Existing"] = EnterpriseStatus.Existing, ["Subsisting"] = EnterpriseStatus.Existing, ["Active"] = EnterpriseStatus.Existing,
        ["Operating"] = EnterpriseStatus.Operating, ["In business"] = EnterpriseStatus.Operating,
        ["Deregistered"] = EnterpriseStatus.Deregistered, ["Cancelled"] = EnterpriseStatus.Deregistered,
        ["Revoked"] = EnterpriseStatus.Revoked,
        ["Moved out"] = EnterpriseStatus.MovedOut, ["MovedOut"] = EnterpriseStatus.MovedOut,
    };

    public static bool TryParse(string? text, out EnterpriseStatus status)
    {
        status = default;
        var t = Platform.Import.CellText.Normalise(text);
        // Full-width brackets and commas (存续（在营…）, 吊销，未注销) arrive folded to ASCII by CellText.
        return t is not null && Names.TryGetValue(t, out status);
    }
}
