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

    private static readonly Dictionary<string, Dictionary<string, AuditRecordName>> NoNames = [];

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task An_enum_is_shown_through_its_texts_in_the_readers_language()
    {
        (await AsAsync("zh-CN", (d, _) => Task.FromResult(d.Value("SpotCheck", "Status", Json("\"ToSample\""), NoNames).Text))).ShouldBe("待抽样");
        (await AsAsync("en", (d, _) => Task.FromResult(d.Value("SpotCheck", "Status", Json("\"ToSample\""), NoNames).Text))).ShouldNotBe("ToSample");
        (await AsAsync("zh-CN", (d, _) => Task.FromResult(d.Value("SpotCheck", "StopSale", Json("true"), NoNames).Text))).ShouldBe("是");
    }

    [Fact]
    public async Task Field_labels_fall_back_from_the_types_own_text_to_the_shared_text_to_the_fields_name()
    {
        var labels = await AsAsync("zh-CN", (d, _) => Task.FromResult((
            Own: d.FieldLabel("SpotCheck", "AgencyId"), Shared: d.FieldLabel("SpotCheck", "RegionCode"), Unknown: d.FieldLabel("SpotCheck", "Colour"),
            Type: d.TypeName("SpotCheck"), UnknownType: d.TypeName("Widget"))));
        labels.ShouldBe(("承检机构", "所属区域", "Colour", "抽查任务", "Widget"));
        (await AsAsync("en", (d, _) => Task.FromResult(d.FieldLabel("SpotCheck", "AgencyId")))).ShouldBe("Testing agency");
    }

    [Fact]
    public async Task References_are_shown_as_the_named_record_with_its_page_and_regions_by_name()
    {
        var (check, agency) = await app.WithDb(async db => (
            await db.Set<Qualis.Features.Supervision.SpotChecks.SpotCheck>().OrderBy(c => c.Id).Select(c => new { c.Id, c.EnterpriseName }).FirstAsync(),
            await db.Set<Qualis.Features.Registry.TestingAgencies.TestingAgency>().OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).FirstAsync()));
        var failure = Guid.NewGuid();
        var lines = await AsAsync("zh-CN", (d, _) => d.DescribeAsync(
        [
            Row("SpotCheckFailure", failure.ToString(), AuditEntry.Create, null, $$"""{"Id":"{{failure}}","Item":"导体电阻","SpotCheckId":"{{check.Id}}"}"""),
            Row("SpotCheck", check.Id.ToString(), AuditEntry.Update, $$"""{"AgencyId":null,"RegionCode":"340100","ConcurrencyStamp":"a"}""",
                $$"""{"AgencyId":"{{agency.Id}}","RegionCode":"340102","ConcurrencyStamp":"b"}"""),
            Row("SpotCheck", Guid.NewGuid().ToString(), AuditEntry.Update, """{"SpotCheckId":null}""", $$"""{"SpotCheckId":"{{Guid.NewGuid()}}"}"""),
        ]));

        // A child names its parent record, linked to its page; its own key is not listed (the line names the record).
        var created = lines[0];
        created.TypeName.ShouldBe("不合格项目");
        created.Record.Text.ShouldBe("（已删除或无名称的记录）");
        created.Changes.Select(c => c.Field).ShouldBe(["Item", "SpotCheckId"]);
        // (SQLite writes a Guid in upper case where PostgreSQL writes it in lower: the route reads either.)
        var parent = created.Changes[1].After!;
        (parent.Text, parent.Page!.ToLowerInvariant(), parent.Title).ShouldBe((check.EnterpriseName, $"/supervision/checks/{check.Id}", check.Id.ToString()));

        // An update: before → after of what changed, the agency by name, regions by name, technical fields left out.
        var update = lines[1];
        update.IsUpdate.ShouldBeTrue();
        (update.Record.Text, update.Record.Page!.ToLowerInvariant()).ShouldBe((check.EnterpriseName, $"/supervision/checks/{check.Id}"));
        update.Changes.Select(c => (c.Label, c.Before?.Text, c.After?.Text)).ShouldBe([("承检机构", "—", agency.Name), ("所属区域", "合肥市", "瑶海区")]);

        // A key that names no record the reader can find shows no GUID, only in the tooltip.
        lines[2].Changes.Single().After!.Text.ShouldBe("（已删除或无名称的记录）");
        lines[2].Record.Text.ShouldNotContain("-");
    }

    [Fact]
    public async Task People_by_display_name_and_office_in_China_time_and_the_address_only_where_it_matters()
    {
        var lines = await AsAsync("zh-CN", (d, _) => d.DescribeAsync(
        [
            Row("Region", "340100", AuditEntry.Update, """{"Name":"合肥"}""", """{"Name":"合肥市"}"""),
            Row("Region", "340100", AuditEntry.Update, """{"Name":"合肥"}""", """{"Name":"合肥市"}""", source: "api"),
            Row("QualisUser", "x", AuditEntry.Update, """{"AccessFailedCount":0}""", """{"AccessFailedCount":1}"""),
            Row("Region", "340100", AuditEntry.Update, """{"Name":"合肥"}""", """{"Name":"合肥市"}""", user: null, source: "import:abc", ip: null),
        ]));
        var web = lines[0];
        web.When.ShouldBe("2026-03-02 00:30");
        web.Who.ShouldBe(new AuditPerson("李强 (合肥市局)", "合肥市市场监督管理局", "hefei"));
        web.Source.ShouldBe("网页");
        web.Address.ShouldBeNull();
        web.AddressTitle.ShouldBe("IP 地址：10.1.2.3");
        web.Record.Text.ShouldBe("合肥市");
        (lines[1].Source, lines[1].Address).ShouldBe(("接口", "10.1.2.3"));
        lines[2].Address.ShouldBe("10.1.2.3"); // a failed sign-in
        (lines[3].Source, lines[3].Who.Name).ShouldBe(("导入", "系统"));
    }
}
