using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.ProductCategories;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Platform.Audit;

namespace Qualis.Features.Registry;

/// <summary>How the history names the registry's records, and the fields of any module that hold one of their keys or codes.</summary>
internal static class RegistryAuditNames
{
    /// <summary>The lookup of an enterprise by its credit code (统一社会信用代码), which other records hold instead of its id.</summary>
    public const string EnterpriseByCreditCode = "Enterprise.CreditCode";

    public static void AddRegistryAuditNames(this IServiceCollection services)
    {
        services.AddAuditNames<Enterprise, Guid>(e => e.Id, e => e.Name, e => "/Registry/Enterprises/" + e.CreditCode);
        services.AddAuditNames<Enterprise, string>(e => e.CreditCode, e => e.CreditCode + " " + e.Name, e => "/Registry/Enterprises/" + e.CreditCode, EnterpriseByCreditCode);
        services.AddAuditNames<Industry, string>(i => i.Code, i => i.Code + " " + i.Name);
        services.AddAuditNames<ProductCategory, string>(c => c.Code, c => c.Code + " " + c.Name);
        services.AddAuditNames<Park, Guid>(p => p.Id, p => p.Name);
        services.AddAuditNames<Inspector, Guid>(i => i.Id, i => i.Name);
        services.AddAuditNames<TestingAgency, Guid>(a => a.Id, a => a.Name);

        services.AddAuditReference(null, "EnterpriseId", nameof(Enterprise));
        // The credit-risk class (信用风险分类) steers how often a firm is drawn: internal to the regulator, never shown to the firm.
        services.AddAuditInternal(nameof(Enterprise), nameof(Enterprise.CreditClass));
        services.AddAuditReference(null, "IndustryCode", nameof(Industry));
        services.AddAuditReference(nameof(Industry), "ParentCode", nameof(Industry));
        services.AddAuditReference(null, "ProductCategoryCode", nameof(ProductCategory));
        services.AddAuditReference(nameof(ProductCategory), "ParentCode", nameof(ProductCategory));
        services.AddAuditReference(null, "ParkId", nameof(Park));
        services.AddAuditReference(null, "InspectorId", nameof(Inspector));
        services.AddAuditReference(null, "AgencyId", nameof(TestingAgency));
        // The enterprise an account acts for; the credit code of records of other modules is declared by them.
        services.AddAuditReference("QualisUser", "EnterpriseCode", EnterpriseByCreditCode);
    }
}
