using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Audit;
using Qualis.Platform.Access;
using Qualis.Platform.Audit;
using Qualis.Platform.Localization;

namespace Qualis.Tests.Features.Audit;

/// <summary>
/// The describer turns stored entries into what people read: enums through their texts, references as the named record
/// with its page, regions by name, a field without a text of its own through the shared text and then its own name;
/// and every field of every audited record has a label in both languages.
/// </summary>
public sealed class AuditDescriberTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly HashSet<string> Technical = ["ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail"];

    private async Task<T> AsAsync<T>(string culture, Func<AuditDescriber, QualisDb, Task<T>> work)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, null);
            return await work(scope.ServiceProvider.GetRequiredService<AuditDescriber>(), scope.ServiceProvider.GetRequiredService<QualisDb>());
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved; }
    }

    private static AuditRow Row(string type, string key, string action, string? before, string? after, string? user = "hefei", string source = "web", string? ip = "10.1.2.3") =>
        new(1, new DateTime(2026, 3, 1, 16, 30, 0, DateTimeKind.Utc), user, source, ip, action, type, key, before, after);

    [Fact]
    public void Every_field_of_every_audited_record_has_a_label_and_every_record_type_a_name_in_both_languages()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        var texts = scope.ServiceProvider.GetRequiredService<Texts>();
        var missing = new List<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(RegionInheritance.IsAudited).Where(t => !t.ClrType.IsGenericType))
        {
            var name = type.ClrType.Name;
            foreach (var culture in new[] { "zh-CN", "en" }.Select(c => new CultureInfo(c)))
            {
                if (texts.Find("entity." + name, culture) is null) missing.Add($"entity.{name} ({culture})");
                foreach (var p in type.GetProperties().Where(p => p.FindAnnotation(AuditRecorder.Derived) is null && !Technical.Contains(p.Name)))
                {
                    // An enum's values are shown through its texts, never by their names.
                    var clr = Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType;
                    if (clr.IsEnum && !clr.IsDefined(typeof(TextKeysAttribute), false)) missing.Add($"[TextKeys] on {clr.Name} ({name}.{p.Name})");
                    if (texts.Find($"field.{name}.{p.Name}", culture) is null && texts.Find("field." + p.Name, culture) is null)
                        missing.Add($"field.{name}.{p.Name} ({culture})");
                }
            }
        }
        missing.ShouldBeEmpty(string.Join("\n", missing.Distinct()));
    }
}
