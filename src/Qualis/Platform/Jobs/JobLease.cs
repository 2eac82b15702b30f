using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Jobs;

/// <summary>
/// Who runs a scheduled job until when (作业租约): one row per job. Several instances on one database each try to take
/// the lease before a pass; the database lets exactly one succeed, so the pass runs once.
/// </summary>
public sealed class JobLease : INotAudited
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTime Until { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(64);
        b.Property(l => l.Holder).HasMaxLength(128);
    }
}

/// <summary>
/// Takes and gives back leases of <see cref="JobLease"/>. Taking is one conditional UPDATE (the lease is free, expired
/// or already ours) and, for a job never run before, an INSERT the primary key lets only one instance make: no
/// read-then-write window in which two instances both see the lease free.
/// </summary>
public static class JobLeases
{
    /// <summary>This process's name as a holder: machine and process id, so a log says which instance ran a pass.</summary>
    public static readonly string ThisInstance = Holder($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    /// <summary>A holder name as the column keeps it (128 characters at most).</summary>
    public static string Holder(string name) => name.Length <= 128 ? name : name[..128];

    /// <summary>True when <paramref name="holder"/> now holds the lease of <paramref name="name"/> until now + <paramref name="duration"/>.</summary>
    public static async Task<bool> TryTakeAsync(QualisDb db, string name, string holder, TimeSpan duration, DateTime nowUtc, CancellationToken ct = default)
    {
        var until = nowUtc + duration;
        var taken = await db.Set<JobLease>()
            .Where(l => l.Name == name && (l.Until <= nowUtc || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), ct);
        if (taken == 1) return true;
        if (await db.Set<JobLease>().AsNoTracking().AnyAsync(l => l.Name == name, ct)) return false;
        var lease = new JobLease { Name = name, Holder = holder, Until = until };
        db.Set<JobLease>().Add(lease);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the first lease at the same moment: the key let one of us in, and not us.
            return false;
        }
        finally
        {
            db.Entry(lease).State = EntityState.Detached;
        }
    }

    /// <summary>Gives the lease back early, so the next pass (on any instance) need not wait for it to expire.</summary>
    public static Task ReleaseAsync(QualisDb db, string name, string holder, DateTime nowUtc, CancellationToken ct = default) =>
        db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, nowUtc), ct);
}
