using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Data;

/// <summary>
/// The one DbContext. Features register their entities with <see cref="IEntityTypeConfiguration{T}"/> classes and
/// reach them with <c>Set&lt;T&gt;()</c>. Two mechanisms live here, once, for every entity:
/// region scoping (a query filter and a write check on <see cref="IRegionScoped"/>) and the audit trail.
/// </summary>
public sealed class QualisDb(DbContextOptions<QualisDb> options, Actor actor) : IdentityUserContext<QualisUser>(options), IDataProtectionKeyContext
{
    public Actor Actor { get; } = actor;

    /// <summary>Read by the query filters; EF parameterises them per query. The area is the range of paths from
    /// the actor's own up to it followed by U+007F: a range, unlike LIKE 'path%', uses the RegionPath indexes.</summary>
    /// An unrestricted actor's range is everything from "" up to U+007F (every path starts with '/'), so the filter has
    /// no OR that would keep the database from using the index.
    private string ScopePath => Actor.RegionPath ?? "";
    private string ScopeEnd => (Actor.RegionPath ?? "") + RegionRange.End;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The keys that protect sign-in cookies, antiforgery tokens and sealed draw seeds, shared by every instance (DataSetup).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Another context on the same database for the same actor, with a connection of its own, for a read run beside
    /// this context's; the caller disposes it. Null where another connection would not see what this one sees: inside
    /// a transaction, or on an in-memory SQLite database (another connection opens another database).
    /// </summary>
    public QualisDb? Sibling()
    {
        if (Database.CurrentTransaction is not null) return null;
        if (!IsPostgres && new SqliteConnectionStringBuilder(Database.GetConnectionString()) is { Mode: SqliteOpenMode.Memory } or { DataSource: "" or ":memory:" })
            return null;
        return new QualisDb((DbContextOptions<QualisDb>)this.GetService<IDbContextOptions>(), Actor);
    }

    /// <summary>Marks a text column of ASCII codes compared bytewise (see OnModelCreating).</summary>
    public const string BytewiseAnnotation = "Qualis:Bytewise";

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        // All instants are stored as UTC (SQLite has no time zone; PostgreSQL uses timestamptz).
        b.Properties<DateTime>().HaveConversion<UtcConverter>();
        b.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        // Enums are stored by name, so the data reads the same in a database tool and survives reordered members.
        b.Properties<Enum>().HaveConversion<string>();
        b.Conventions.Add(_ => new RegionInheritance.CheckConvention());
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<QualisUser>().ToTable("Users");
        // A data-protection key is a secret, not a record: the trail never holds it.
        b.Entity<DataProtectionKey>().ToTable("DataProtectionKeys").IsNotAudited();
        // An account's claims, logins and tokens belong to the account's region.
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("UserClaims").InheritsRegionOf<QualisUser>(nameof(Microsoft.AspNetCore.Identity.IdentityUserClaim<string>.UserId));
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("UserLogins").InheritsRegionOf<QualisUser>(nameof(Microsoft.AspNetCore.Identity.IdentityUserLogin<string>.UserId));
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("UserTokens").InheritsRegionOf<QualisUser>(nameof(Microsoft.AspNetCore.Identity.IdentityUserToken<string>.UserId));
        // An account's tokens are its authenticator key and recovery codes: secrets, kept out of the trail. Turning the
        // second factor on or off shows in the account's own history (TwoFactorEnabled).
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().IsNotAudited();
        b.ApplyConfigurationsFromAssembly(typeof(QualisDb).Assembly);
        IProviderModelConfiguration.ApplyAll(b, IsPostgres);

        RegionPathConvention(b);
        OneEffect.VersionConvention(b);
        // Codes compared as bytes (prefix ranges must follow the index order): PostgreSQL's "C" collation; SQLite's
        // default BINARY already is.
        if (IsPostgres)
            foreach (var p in b.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.FindAnnotation(BytewiseAnnotation) is not null).ToList())
                p.SetCollation("C");

        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IRegionScoped).IsAssignableFrom(t.ClrType) && t.ClrType != typeof(AuditEntry)).ToList())
            typeof(QualisDb).GetMethod(nameof(ScopeFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType).Invoke(this, [b]);
        // The trail's own filter: the area's entries, the shared catalogues' and the old ones of child rows (AuditVisibility).
        b.Entity<AuditEntry>().HasQueryFilter(AuditVisibility.Filter(b.Model, this, InArea<AuditEntry>()));
    }

    /// <summary>Marks a region-scoped kind of record whose RegionPath needs no index of its own (see <see cref="RegionPathConvention"/>).</summary>
    public const string NoRegionIndexAnnotation = "Qualis:NoRegionIndex";

    /// <summary>
    /// Every region-scoped record's RegionPath: at most 32 characters, compared bytewise (the area filter is a range),
    /// and indexed, unless an index already starts with it (the registry's draw index on SQLite, the regions' unique
    /// one) or the kind says it needs none.
    /// </summary>
    private static void RegionPathConvention(ModelBuilder b)
    {
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IRegionScoped).IsAssignableFrom(t.ClrType)).ToList())
        {
            var path = type.FindProperty(nameof(IRegionScoped.RegionPath))!;
            path.SetMaxLength(32);
            path.SetAnnotation(BytewiseAnnotation, true);
            if (type.FindAnnotation(NoRegionIndexAnnotation) is null && !type.GetIndexes().Any(i => i.Properties[0] == path))
                type.AddIndex(path);
        }
    }

    private void ScopeFilter<T>(ModelBuilder b) where T : class, IRegionScoped => b.Entity<T>().HasQueryFilter(InArea<T>());

    private System.Linq.Expressions.Expression<Func<T, bool>> InArea<T>() where T : class, IRegionScoped =>
        e => string.Compare(EF.Property<string>(e, nameof(IRegionScoped.RegionPath)), ScopePath) >= 0
             && string.Compare(EF.Property<string>(e, nameof(IRegionScoped.RegionPath)), ScopeEnd) < 0;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        OneEffect.RaiseVersions(ChangeTracker);
        PinyinSortColumns.Fill(ChangeTracker);
        EnforceWriteScope();
        var pending = AuditRecorder.Capture(ChangeTracker);
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await AuditRegions.FileAsync(this, pending, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AppendToAuditChainAsync(pending, cancellationToken);
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private void EnforceWriteScope()
    {
        if (!Actor.IsRestricted) return;
        foreach (var e in ChangeTracker.Entries<IRegionScoped>())
        {
            if (e.State is EntityState.Unchanged or EntityState.Detached || e.Entity is AuditEntry) continue;
            var current = e.Entity.RegionPath;
            var original = e.State == EntityState.Added ? current : (string?)e.Property(nameof(IRegionScoped.RegionPath)).OriginalValue;
            if (!Actor.CanReach(current) || !Actor.CanReach(original))
                throw new RegionAccessDeniedException(
                    $"{e.Metadata.ClrType.Name} in region {original} is outside the region {Actor.RegionPath} of {Actor.UserName}.");
        }
    }

    private async Task AppendToAuditChainAsync(List<AuditRecorder.Pending> pending, CancellationToken ct)
    {
        var at = AuditEntry.Truncate(DateTime.UtcNow);
        AuditEntries.AddRange(await LinkAsync(pending.Select(p => AuditRecorder.ToEntry(p, Actor, at)), ct));
    }

    /// <summary>
    /// Records the creation of rows written by <see cref="BulkInsert"/>, which the change tracker never saw: one
    /// entry per row with its values, linked into the chain and written the same fast way. Runs in the caller's
    /// transaction, so the rows and their entries are stored together or not at all.
    /// </summary>
    public async Task AppendAuditAsync<T>(IReadOnlyCollection<T> created, CancellationToken ct) where T : class
    {
        if (created.Count == 0) return;
        await AppendAuditAsync((await CreationEntriesAsync(created, ct))(), ct);
    }

    /// <summary>
    /// The creation entries of rows to be bulk-inserted, not yet linked into the chain. The region look-up, which may
    /// query, is done here; the function returned builds the entries (each row's values as JSON, the costly part),
    /// touches no connection and may run on another thread while the rows are written. Append what it returns with
    /// <see cref="AppendAuditAsync(List{AuditEntry}, CancellationToken)"/>.
    /// </summary>
    public async Task<Func<List<AuditEntry>>> CreationEntriesAsync<T>(IReadOnlyCollection<T> created, CancellationToken ct) where T : class
    {
        var type = Model.FindEntityType(typeof(T))!;
        var regionOf = await AuditRegions.OfBulkAsync(this, type, created, ct);
        var actor = Actor;
        return () => AuditRecorder.Created(type, created, regionOf, actor, AuditEntry.Truncate(DateTime.UtcNow)).ToList();
    }

    /// <summary>Links entries built by <see cref="CreationEntriesAsync"/> into the chain and writes them, in the caller's transaction.</summary>
    public async Task AppendAuditAsync(List<AuditEntry> unlinked, CancellationToken ct)
    {
        if (unlinked.Count == 0) return;
        // Only the chain's head is saved here; any other pending change would slip past the audit.
        if (ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged && e.Entity is not AuditHead))
            throw new InvalidOperationException("Save tracked changes before appending audit entries for bulk-inserted rows.");
        var entries = await LinkAsync(unlinked, ct);
        await BulkInsert.InsertAsync(this, entries, ct);
        await base.SaveChangesAsync(true, ct); // the chain's head
    }

    /// <summary>
    /// Serialises writers on the chain (PostgreSQL: a transaction-scoped advisory lock; SQLite: the write lock that
    /// Microsoft.Data.Sqlite's BEGIN IMMEDIATE already holds), then links the new entries to the head.
    /// </summary>
    private async Task<List<AuditEntry>> LinkAsync(IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        if (IsPostgres) await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7460313)", ct);
        var head = await Set<AuditHead>().SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is null)
        {
            head = new AuditHead { Id = 1, Sequence = 0, Hash = "" };
            Set<AuditHead>().Add(head);
        }
        var linked = new List<AuditEntry>();
        foreach (var entry in entries)
        {
            entry.Sequence = head.Sequence + 1;
            entry.PreviousHash = head.Hash;
            entry.Hash = entry.ComputeHash();
            head.Sequence = entry.Sequence;
            head.Hash = entry.Hash;
            linked.Add(entry);
        }
        return linked;
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? null : v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc),
        v => v == null ? null : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

