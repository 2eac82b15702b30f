using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.Tests.Platform.Data;

/// <summary>Enterprises for the data mechanisms' own tests, written straight to a scratch database.</summary>
internal static class SampleEnterprises
{
    /// <summary>An enterprise of Shushan district (蜀山区) numbered n, every other one with its optional columns filled.</summary>
    public static Enterprise Numbered(int n, string name) => new()
    {
        CreditCode = CreditCode.Compute("91340104" + (60_000_000 + n).ToString("D8", System.Globalization.CultureInfo.InvariantCulture)),
        Name = name, RegionCode = "340104", RegionPath = "/340000/340100/340104/", IndustryCode = n % 2 == 0 ? "3831" : null,
        Employees = n % 2 == 0 ? 120 : null, RevenueYuan = n % 2 == 0 ? 12_345_678.90m : null, Size = n % 2 == 0 ? EnterpriseSize.Medium : null,
        Status = EnterpriseStatus.Existing, EstablishedOn = n % 2 == 0 ? new DateOnly(2009, 3, 1) : null, UpdatedAt = new DateTime(2026, 3, 2, 8, 30, 15, DateTimeKind.Utc),
    };
}
