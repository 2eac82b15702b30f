using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Platform.Calendar;
using Qualis.Platform.Desk;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;

namespace Qualis.Features.Supervision;

/// <summary>Supervision spot checks (监督抽查): items, plans and batches, the draw, the checks and their pass rates.</summary>
public sealed class SupervisionModule : IModule
{
    /// <summary>Who takes part in spot checks: officials, inspectors, testing agencies and the checked enterprises, each seeing their own part.</summary>
    public const string PartiesPolicy = "supervision-parties";
    /// <summary>
    /// Who may read a draw's 回避 inputs (inputs.tsv: declared conflicts, linked units, last inspectors) and re-run its teams:
    /// the market-regulation officers (省局、设区市局、县局) whose area holds the draw, i.e. the organising office and the
    /// offices above it that supervise it. Not the system administrator (who runs the platform, not the draw), not the
    /// inspectors (whose own assignments it decides), not agencies, partners, enterprises or the public.
    /// </summary>
    public const string DrawAuditorsPolicy = "draw-auditors";
    /// <summary>The witnesses of draws (见证人), who give their values on their own page.</summary>
    public const string WitnessesPolicy = "draw-witnesses";
    /// <summary>Plans, draws, spot checks and their results, for partner systems.</summary>
    public const string ReadScope = "supervision.read";
    /// <summary>The module's own tabs (_SupervisionNav); each page names its tab in ViewData["SupervisionTab"].</summary>
    public const string TabsMenu = "supervision";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        // The working-day calendar the deadlines count on, the draw rules' settings, the draw.
        services.AddSingleton(WorkingCalendar.FromConfiguration(config));
        services.AddSingleton(SupervisionSettings.From(config));
        services.AddScoped<DrawService>();
        services.AddScoped<SpotChecks.SpotCheckDocuments>();
        services.AddScoped<Draws.DrawDocuments>();
        services.AddScoped<Publication.ResultsAnnouncement>();
        services.AddSingleton<ICommand, VerifyDrawCommand>();
        services.AddSpotChecks(config);
        services.AddSingleton<IDemoSeeder, SupervisionDemoData>();
        services.AddSupervisionAuditNames();
        services.AddScoped<IDeskSource, Desk.SupervisionDesk>();
        services.AddScoped<IDeskSource, Desk.DrawDesk>();
        services.AddScoped<Platform.Indicators.IIndicator, PassRates.PassRateIndicator>();
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [PartiesPolicy] = new AuthorizationPolicyBuilder().RequireRole([.. Roles.Officials.Split(','), Roles.Inspector, Roles.TestingAgency, Roles.EnterpriseUser]).Build(),
        [DrawAuditorsPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.CountyOfficer).Build(),
        [WitnessesPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.Witness).Build(),
    };

    public IReadOnlyList<string> ApiScopes => [ReadScope];

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Supervision", "nav.supervision", PartiesPolicy),
        new("/Supervision/Witness", "nav.witness", WitnessesPolicy),
        Tab("dashboard", "/Supervision", PartiesPolicy),
        Tab("checks", "/Supervision/Checks", PartiesPolicy),
        Tab("plans", "/Supervision/Plans", Platform.Web.Policies.Officials),
        Tab("items", "/Supervision/Items", Platform.Web.Policies.Officials),
        Tab("recusals", "/Supervision/Recusals", Platform.Web.Policies.Officials),
        Tab("passrates", "/Supervision/PassRates", Platform.Web.Policies.Officials),
    ];

    private static NavEntry Tab(string id, string path, string policy) =>
        new(path, "supervision.tab." + id, policy) { Menu = TabsMenu, Id = id };

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapSupervisionApi();
}
