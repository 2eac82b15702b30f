using Qualis.Features.Account;
using Qualis.Features.Admin;
using Qualis.Features.Assessment;
using Qualis.Features.Audit;
using Qualis.Features.Awards;
using Qualis.Features.Departments;
using Qualis.Features.KeyObjects;
using Qualis.Features.Improvement;
using Qualis.Features.Plans;
using Qualis.Features.Public;
using Qualis.Features.Recognition;
using Qualis.Features.Registry;
using Qualis.Features.Services;
using Qualis.Features.Supervision;
using Qualis.Platform.Export;
using Qualis.Platform.Import;
using Qualis.Platform.Modules;
using Qualis.Platform.Notifications;
using Qualis.Platform.Operations;
using Qualis.Platform.Printing;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

// Qualis: 质量提升行动综合监管平台.
// Usage: Qualis [migrate | verify-audit | backup FILE | restore FILE | seed-demo | model-script | generate-enterprises …] [--Setting=value …]
var command = Commands.IsCommand(args) ? args[..Commands.ArgumentCount(args)] : null;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command is null ? args : args[command.Length..],
    // `dotnet run` starts in the project folder; an installed copy may be started from anywhere and reads its settings beside itself.
    ContentRootPath = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null : AppContext.BaseDirectory,
});

DatabaseSettings database;
try
{
    database = builder.Services.AddQualisData(builder.Configuration, builder.Environment.ContentRootPath);
    builder.AddQualisLogging();
    builder.Services.AddQualisLocalization();
    builder.Services.AddPeopleClock(builder.Configuration);
    builder.Services.AddQualisSecurity(builder.Configuration, builder.Environment);
    builder.Services.AddQualisProxy(builder.Configuration);
    builder.Services.AddQualisWeb();
    builder.Services.AddQualisEdge(builder.Configuration);
    builder.Services.AddQualisImport(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Services.AddQualisExports(builder.Configuration);
    builder.Services.AddQualisDesk(builder.Configuration);
    builder.Services.AddQualisPrinting();

    // The modules, in the order of the top bar. A new module is one line here.
    builder.AddModule<RegistryModule>();
    builder.AddModule<SupervisionModule>();
    // Demo data is seeded in this order: plans and assessment name the departments' directory.
    builder.AddModule<KeyObjectsModule>();
    builder.AddModule<ImprovementModule>();
    // After improvement: a demo pairing (结对共建) follows the help plan the improvement demo gives its small firm.
    builder.AddModule<RecognitionModule>();
    builder.AddModule<AwardsModule>();
    builder.AddModule<ServicesModule>();
    builder.AddModule<DepartmentsModule>();
    builder.AddModule<PlansModule>();
    builder.AddModule<AssessmentModule>();
    builder.AddModule<AuditModule>();
    builder.AddModule<AdminModule>();
    builder.AddModule<PublicModule>();
    builder.AddModule<AccountModule>();
}
catch (SettingException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var app = builder.Build();
if (command is not null) return await Commands.RunAsync(app.Services, command);

try
{
    await app.Services.PrepareDatabaseAsync(app.Logger);
    await app.Services.SeedAsync(database, app.Environment, app.Logger);
}
catch (SchemaMismatchException e)
{
    app.Logger.LogCritical("{Message}", e.Message);
    Console.Error.WriteLine(e.Message);
    return 3;
}

app.UseQualisPipeline();
app.MapQualisPlatform();
app.MapModules();
await app.RunAsync();
return 0;

public partial class Program;
