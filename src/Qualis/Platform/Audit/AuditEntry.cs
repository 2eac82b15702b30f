using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Platform.Audit;

/// <summary>
/// One audited change (审计日志). Entries are append-only and hash-chained: each hash covers the
/// entry's content and the previous entry's hash, so editing, deleting or reordering an entry breaks the chain.
/// </summary>
public sealed class AuditEntry : IRegionScoped, INotAudited
{
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string Source { get; set; } = "";
    public string? Ip { get; set; }
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string RegionPath { get; set; } = "/";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    public string ComputeHash()
    {
        var text = string.Join('\n', Sequence, At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff"), UserId, UserName, Source, Ip,
            Action, EntityType, EntityKey, RegionPath, Before, After, PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>PostgreSQL keeps microseconds; truncating first makes the hash survive a round trip on both providers.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}

/// <summary>The last link of the chain, kept in one row so that removing entries from the end is detected too.</summary>
public sealed class AuditHead : INotAudited
{
    public int Id { get; set; } = 1;
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
}

/// <summary>Marks entities whose changes are not themselves audited (the audit trail, usage logs).</summary>
public interface INotAudited;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        // The trail is read by sequence and by record; a region index would cost every bulk import a second index to fill.
        b.HasAnnotation(QualisDb.NoRegionIndexAnnotation, true);
        b.ToTable("AuditEntries");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.UserId).HasMaxLength(64);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Source).HasMaxLength(128);
        b.Property(e => e.Ip).HasMaxLength(64);
        b.Property(e => e.Action).HasMaxLength(16);
        b.Property(e => e.EntityType).HasMaxLength(64);
        b.Property(e => e.EntityKey).HasMaxLength(128);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => new { e.EntityType, e.EntityKey });
        b.HasIndex(e => e.At);
    }

    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.ToTable("AuditHead");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
    }
}
