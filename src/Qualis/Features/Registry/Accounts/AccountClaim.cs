using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Localization;

namespace Qualis.Features.Registry.Accounts;

/// <summary>Where a claim stands: waiting for the local office, approved (the account exists) or rejected with a reason.</summary>
[TextKeys("account_claim.status.", lowerCase: true)]
public enum AccountClaimStatus { Pending, Approved, Rejected }

/// <summary>
/// 企业账户认领申请: an enterprise asks on the public site for its account, with its legal representative's name, a
/// contact and a picture of its business licence (营业执照). It lies in the enterprise's region, so it lands with the
/// local office, which approves it (the account is opened) or rejects it with a reason. One claim of an enterprise
/// waits at a time (a unique index on the pending ones).
/// </summary>
public sealed class AccountClaim : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string CreditCode { get; set; } = "";
    public string EnterpriseName { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public string LegalRepresentative { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string LicenceFileName { get; set; } = "";
    public string LicenceContentType { get; set; } = "";
    public string LicenceStoredPath { get; set; } = "";
    public string LicenceSha256 { get; set; } = "";
    public long LicenceBytes { get; set; }
    /// <summary>A concurrency token: of two officials deciding at once, the second finds the claim already decided.</summary>
    public AccountClaimStatus Status { get; set; } = AccountClaimStatus.Pending;
    public DateTime SubmittedAt { get; set; }
    public string? SubmittedFrom { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>The account the approval opened.</summary>
    public string? AccountUserName { get; set; }
}

internal sealed class AccountClaimConfiguration : IEntityTypeConfiguration<AccountClaim>
{
    public void Configure(EntityTypeBuilder<AccountClaim> b)
    {
        b.ToTable("AccountClaims");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.CreditCode).HasMaxLength(18).HasAnnotation(QualisDb.BytewiseAnnotation, true);
        b.Property(c => c.EnterpriseName).HasMaxLength(200);
        b.Property(c => c.RegionCode).HasMaxLength(6);
        b.Property(c => c.LegalRepresentative).HasMaxLength(64);
        b.Property(c => c.ContactName).HasMaxLength(64);
        b.Property(c => c.ContactPhone).HasMaxLength(32);
        b.Property(c => c.ContactEmail).HasMaxLength(128);
        b.Property(c => c.LicenceFileName).HasMaxLength(260);
        b.Property(c => c.LicenceContentType).HasMaxLength(64);
        b.Property(c => c.LicenceStoredPath).HasMaxLength(300);
        b.Property(c => c.LicenceSha256).HasMaxLength(64);
        b.Property(c => c.Status).HasMaxLength(10).IsConcurrencyToken();
        b.Property(c => c.SubmittedFrom).HasMaxLength(64);
        b.Property(c => c.DecidedBy).HasMaxLength(256);
        b.Property(c => c.RejectionReason).HasMaxLength(500);
        b.Property(c => c.AccountUserName).HasMaxLength(256);
        // One waiting claim per enterprise: a second submission meets this index.
        b.HasIndex(c => c.CreditCode).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_AccountClaims_Pending");
        b.HasIndex(c => new { c.Status, c.SubmittedAt });
    }
}
