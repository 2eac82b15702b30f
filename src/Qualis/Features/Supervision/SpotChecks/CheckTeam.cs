using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// A change to a check's drawn team (检查人员替换), made by the office that organised the draw, with its reason: one member
/// out, a substitute in (or a vacancy filled, where the draw could not staff the team). The substitute passed the same 回避
/// rules the draw applies (<see cref="InspectorAssigner.RulesExcluding"/>). Audited, and shown on the check.
/// </summary>
public sealed class TeamSubstitution
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SpotCheckId { get; set; }
    /// <summary>The member replaced; null when a vacancy of an unstaffed team is filled.</summary>
    public Guid? OutInspectorId { get; set; }
    public string? OutName { get; set; }
    public Guid InInspectorId { get; set; }
    public string InName { get; set; } = "";
    /// <summary>The substitute's certificate number (执法证号), as law-enforcement disclosure names them.</summary>
    public string InCertificate { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>A member of a check's team: an enforcement officer, named with the certificate number (执法证号).</summary>
public sealed record TeamMember(Guid InspectorId, string Name, string CertificateNumber)
{
    public string Named => CertificateNumber.Length == 0 ? Name : $"{Name}（{CertificateNumber}）";
}

/// <summary>
/// A check's team as it stands (the draw's team with its substitutions applied, in order), the number the draw asked for,
/// and the office that organised the draw (its region path): the team samples, or that office records it for them.
/// </summary>
public sealed record CheckTeam(IReadOnlyList<TeamMember> Members, int Size, string? OrganiserPath)
{
    public static readonly CheckTeam None = new([], 0, null);

    public bool Has(Guid? inspectorId) => inspectorId is { } id && Members.Any(m => m.InspectorId == id);

    public bool IsOrganiser(CheckParty p) => p.IsOfficial && OrganiserPath is not null && p.OfficePath == OrganiserPath;

    public string Names => string.Join('、', Members.Select(m => m.Name));

    /// <summary>Places the draw could not fill (an unstaffed target): a substitution may fill them.</summary>
    public int Vacancies => Math.Max(0, Size - Members.Count);

    /// <summary>The team the draw recorded on a target, by the names it wrote beside the ids (no certificates).</summary>
    public static CheckTeam Drawn(DrawTarget target, int size, string organiserPath)
    {
        var ids = target.InspectorIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var names = target.InspectorNames.Split('、', StringSplitOptions.RemoveEmptyEntries);
        return new(ids.Select((id, i) => new TeamMember(Guid.Parse(id), names.ElementAtOrDefault(i) ?? id, "")).ToList(), size, organiserPath);
    }

    /// <summary>The draw's team ids with each substitution applied in order: the member out replaced in place, a vacancy filled at the end.</summary>
    public static List<Guid> Apply(IEnumerable<Guid> drawn, IEnumerable<TeamSubstitution> substitutions)
    {
        var ids = drawn.ToList();
        foreach (var s in substitutions)
        {
            var at = s.OutInspectorId is { } gone ? ids.IndexOf(gone) : -1;
            if (at >= 0) ids[at] = s.InInspectorId;
            else if (s.OutInspectorId is null) ids.Add(s.InInspectorId);
        }
        return ids;
    }
}

/// <summary>An inspector who could replace a member, and the 回避 rules that keep them off this check (none: eligible).</summary>
public sealed record SubstituteCandidate(Guid Id, string Name, string CertificateNumber, string Unit, IReadOnlyList<RecusalRule> ExcludedBy)
{
    public string Named => $"{Name}（{CertificateNumber}）";
}

internal sealed class TeamSubstitutionConfiguration : IEntityTypeConfiguration<TeamSubstitution>
{
    public void Configure(EntityTypeBuilder<TeamSubstitution> b)
    {
        b.ToTable("TeamSubstitutions").InheritsRegionOf<SpotCheck>(nameof(TeamSubstitution.SpotCheckId));
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.OutName).HasMaxLength(64);
        b.Property(s => s.InName).HasMaxLength(64);
        b.Property(s => s.InCertificate).HasMaxLength(32);
        b.Property(s => s.Reason).HasMaxLength(500);
        b.Property(s => s.By).HasMaxLength(256);
        b.HasIndex(s => s.SpotCheckId);
    }
}
