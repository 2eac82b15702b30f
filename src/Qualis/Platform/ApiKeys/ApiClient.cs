using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Platform.ApiKeys;

/// <summary>
/// A partner system (协作部门系统) that calls the API with its own key. Only a hash of the key is stored; the key
/// is shown once, at creation. Scoped to a department, a region and a set of API scopes; revocable.
/// </summary>
public sealed class ApiClient : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string Department { get; set; } = "";
    public string RegionPath { get; set; } = "";
    /// <summary>Space-separated API scopes, e.g. "regions.read audit.read".</summary>
    public string Scopes { get; set; } = "";
    /// <summary>The public part of the key, used to find the client; the secret part is only hashed.</summary>
    public string KeyPrefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Creates a client and returns the full key, which is never stored.</summary>
    public static (ApiClient Client, string Key) Issue(string name, string department, string regionPath, IEnumerable<string> scopes, string? createdBy)
    {
        var prefix = Token(8);
        var key = $"qk_{prefix}_{Token(32)}";
        return (new ApiClient
        {
            Name = name,
            Department = department,
            RegionPath = regionPath,
            Scopes = string.Join(' ', scopes.Distinct().Order()),
            KeyPrefix = prefix,
            KeyHash = Hash(key),
            CreatedAt = DateTime.UtcNow,
            CreatedBy = createdBy,
        }, key);
    }

    public static string? PrefixOf(string key)
    {
        var parts = key.Split('_');
        return parts.Length == 3 && parts[0] == "qk" && parts[1].Length == 8 ? parts[1] : null;
    }

    public bool Matches(string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(KeyHash));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Token(int length)
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}

/// <summary>Each call made with an API key, successful or not (API调用日志).</summary>
public sealed class ApiKeyUse : INotAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? ClientId { get; set; }
    public string KeyPrefix { get; set; } = "";
    public DateTime At { get; set; }
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public int Status { get; set; }
    public string Outcome { get; set; } = "";
    public string? Ip { get; set; }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>, IEntityTypeConfiguration<ApiKeyUse>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        // A few dozen clients: the area filter reads them all anyway.
        b.HasAnnotation(QualisDb.NoRegionIndexAnnotation, true);
        b.ToTable("ApiClients");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(128);
        b.Property(c => c.Department).HasMaxLength(128);
        b.Property(c => c.Scopes).HasMaxLength(512);
        b.Property(c => c.KeyPrefix).HasMaxLength(8);
        b.Property(c => c.KeyHash).HasMaxLength(64);
        b.Property(c => c.CreatedBy).HasMaxLength(256);
        b.Property(c => c.RevokedReason).HasMaxLength(256);
        // Revoked once: the revocation's UPDATE expects the key still in use.
        b.Property(c => c.RevokedAt).IsConcurrencyToken();
        b.Ignore(c => c.ScopeList);
        b.HasIndex(c => c.KeyPrefix).IsUnique();
        // One key in use per partner system's name: a key issued twice at once (a double click) is issued once.
        b.HasIndex(c => c.Name).IsUnique().HasFilter("\"RevokedAt\" IS NULL").HasDatabaseName("IX_ApiClients_ActiveName");
    }

    public void Configure(EntityTypeBuilder<ApiKeyUse> b)
    {
        b.ToTable("ApiKeyUses");
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.KeyPrefix).HasMaxLength(8);
        b.Property(u => u.Method).HasMaxLength(8);
        b.Property(u => u.Path).HasMaxLength(256);
        b.Property(u => u.Outcome).HasMaxLength(32);
        b.Property(u => u.Ip).HasMaxLength(64);
        b.HasIndex(u => new { u.ClientId, u.At });
    }
}

/// <summary>
/// The policy behind an API scope a key can be granted. Each module declares its scopes (IModule.ApiScopes); each API
/// route group names the scope it needs. The scope strings are stored on keys: never rename one.
/// </summary>
public static class ApiScopes
{
    public static string Policy(string scope) => "api:" + scope;

    /// <summary>A key needs the scope; a signed-in official passes by role (see <see cref="ApiScopeHandler"/>).</summary>
    public static AuthorizationPolicy PolicyFor(string scope) => new AuthorizationPolicyBuilder(Web.SecuritySetup.ApiPolicySchemes)
        .RequireAuthenticatedUser()
        .AddRequirements(new ApiScopeRequirement(scope))
        .Build();
}
