using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Registry.Accounts;

/// <summary>
/// One batch issue of enterprise accounts (批量开通企业账户): which filter, by whom, how many. The letters with the
/// one-time passwords are kept only sealed (encrypted with the platform's data-protection keys) for the official to
/// print and download, until they destroy them or <see cref="EnterpriseAccounts.LettersKeptFor"/> has passed; the
/// accounts themselves and their creation are in the audit trail like any account.
/// </summary>
public sealed class AccountIssueRun : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string RegionPath { get; set; } = "";
    /// <summary>The enterprise list's query string the run was made for.</summary>
    public string Filter { get; set; } = "";
    public int Issued { get; set; }
    /// <summary>Firms of the filter still without an account after this run (a run stops at the per-run limit).</summary>
    public int Remaining { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public long ElapsedMilliseconds { get; set; }
    /// <summary>The letters, sealed; null once destroyed.</summary>
    public string? SealedLetters { get; set; }
    public DateTime? LettersDestroyedAt { get; set; }
}

internal sealed class AccountIssueRunConfiguration : IEntityTypeConfiguration<AccountIssueRun>
{
    public void Configure(EntityTypeBuilder<AccountIssueRun> b)
    {
        b.ToTable("AccountIssueRuns");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Filter).HasMaxLength(1000);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        // Sealed, but the trail keeps entries forever: it only says that the letters were stored or destroyed.
        b.Property(r => r.SealedLetters).HasAnnotation(Platform.Audit.AuditRecorder.Sealed, true);
    }
}
