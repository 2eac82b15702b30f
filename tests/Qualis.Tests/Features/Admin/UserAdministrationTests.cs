using System.Net;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Admin;

/// <summary>User administration through the pages: every problem named on its field, nothing half saved, every change audited.</summary>
public abstract class UserAdministrationTests(QualisApp app)
{
    private static Dictionary<string, string> Form(string userName, string password, string displayName, string role, string region, string? enterprise = null) => new()
    {
        ["UserName"] = userName, ["Password"] = password, ["Form.DisplayName"] = displayName, ["Form.Role"] = role,
        ["Form.RegionCode"] = region, ["Form.EnterpriseCode"] = enterprise ?? "",
    };

    private Task<int> UserCountAsync() => app.WithDb(db => db.Users.CountAsync());

    [Fact]
    public async Task Invalid_input_is_named_on_each_field_and_nothing_is_saved()
    {
        var admin = await app.SignedInAs("admin");
        var before = await UserCountAsync();

        var response = await admin.PostFormAsync("/Admin/Users/Create", Form("x", "abc", "", Roles.EnterpriseUser, "999999"));
        var errors = Forms.ErrorsIn(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        errors.ShouldContain("用户名长度应在 3 到 64 个字符之间");
        errors.ShouldContain("密码至少需要 10 个字符");
        errors.ShouldContain("请填写姓名/显示名称");
        errors.ShouldContain("区域不存在或不在您的管辖范围内");
        (await UserCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_role_must_sit_at_its_level_and_an_enterprise_user_needs_its_credit_code()
    {
        var admin = await app.SignedInAs("admin");
        var city = Forms.ErrorsIn(await (await admin.PostFormAsync("/Admin/Users/Create", Form("city.on.county", "Strong#Pass2026", "某", Roles.CityOfficer, "340122"))).Content.ReadAsStringAsync());
        city.ShouldContain("该角色须属于设区市");
        var firm = Forms.ErrorsIn(await (await admin.PostFormAsync("/Admin/Users/Create", Form("firm.user", "Strong#Pass2026", "某企业", Roles.EnterpriseUser, "340102"))).Content.ReadAsStringAsync());
        firm.ShouldContain("企业用户必须填写所代表企业的统一社会信用代码");
        var taken = Forms.ErrorsIn(await (await admin.PostFormAsync("/Admin/Users/Create", Form("hefei", "Strong#Pass2026", "重名", Roles.CityOfficer, "340100"))).Content.ReadAsStringAsync());
        taken.ShouldContain("用户名“hefei”已被使用");
    }

    [Fact]
    public async Task An_administrator_of_a_city_cannot_place_an_account_outside_the_city()
    {
        await RecordSamples.NewUserAsync(app, "hefei.admin", Roles.Administrator, "340100", "合肥管理员");
        var admin = await app.SignedInAs("hefei.admin");
        var create = await admin.PostFormAsync("/Admin/Users/Create", Form("wuhu.someone", "Strong#Pass2026", "芜湖某人", Roles.CityOfficer, "340200"));
        Forms.ErrorsIn(await create.Content.ReadAsStringAsync()).ShouldContain("区域不存在或不在您的管辖范围内");
        (await app.WithDb(db => db.Users.AnyAsync(u => u.UserName == "wuhu.someone"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Created_edited_and_reset_accounts_leave_their_history()
    {
        var admin = await app.SignedInAs("admin");
        var created = await admin.PostFormAsync("/Admin/Users/Create", Form("anqing.officer", "Anqing#2026x", "安庆市局", Roles.CityOfficer, "340800"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var edit = created.Headers.Location!.ToString();
        var id = edit.Split('/').Last();

        var edited = await admin.PostFormAsync(edit + "?handler=Save", new()
        {
            ["Form.DisplayName"] = "安庆市市场监督管理局", ["Form.Role"] = Roles.CityOfficer, ["Form.RegionCode"] = "340800", ["Form.Organisation"] = "质量发展科",
        }, edit);
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var weak = await admin.PostFormAsync(edit + "?handler=ResetPassword", new() { ["NewPassword"] = "short" }, edit);
        Forms.ErrorsIn(await weak.Content.ReadAsStringAsync()).ShouldContain("密码至少需要 10 个字符");
        (await admin.PostFormAsync(edit + "?handler=ResetPassword", new() { ["NewPassword"] = "Reset#Anqing2026" }, edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await app.SignedInAs("anqing.officer", "Reset#Anqing2026");
        var history = await app.WithDb(db => db.AuditEntries.Where(e => e.EntityType == nameof(QualisUser) && e.EntityKey == id).OrderBy(e => e.Sequence).ToListAsync());
        history.First().Action.ShouldBe(AuditEntry.Create);
        history.ShouldContain(e => e.Action == AuditEntry.Update && e.After!.Contains("质量发展科") && e.UserName == "admin");
        history.ShouldContain(e => e.Action == AuditEntry.Update && e.After!.Contains("PasswordHash") && !e.After.Contains("AQAAAA"));
        var page = await admin.GetStringAsync(edit);
        page.ShouldContain("id=\"audit-history\"");
        page.ShouldContain("质量发展科");
    }

    [Fact]
    public async Task The_list_filters_by_text_role_and_region()
    {
        var admin = await app.SignedInAs("admin");
        var hefei = await admin.GetStringAsync("/Admin/Users?region=340100");
        hefei.ShouldContain("李强");
        hefei.ShouldNotContain("陈静");
        var inspectors = await admin.GetStringAsync($"/Admin/Users?role={Roles.Inspector}");
        inspectors.ShouldContain("刘洋");
        inspectors.ShouldNotContain("李强");
        (await admin.GetStringAsync("/Admin/Users?q=芜湖")).ShouldContain("陈静");
    }

    [Fact]
    public async Task The_home_page_counts_what_the_official_can_see()
    {
        var province = await app.SignedInAs("province");
        var county = await app.SignedInAs("feidong");
        var all = Count(await province.GetStringAsync("/"), "desk.card.enterprises.count");
        var own = Count(await county.GetStringAsync("/"), "desk.card.enterprises.count");
        own.ShouldBeGreaterThan(0);
        all.ShouldBeGreaterThan(own);
        all.ShouldBe(await app.WithDb(db => db.Set<Qualis.Features.Registry.Enterprises.Enterprise>().CountAsync()));
    }

    private static int Count(string html, string key)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, $"data-figure=\"{System.Text.RegularExpressions.Regex.Escape(key)}\"[^>]*>\\s*<a[^>]*>([0-9,]+)<");
        m.Success.ShouldBeTrue(key);
        return int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class UserAdministrationOnSqlite(SqliteApp app) : UserAdministrationTests(app), IClassFixture<SqliteApp>;
public sealed class UserAdministrationOnPostgres(PostgresApp app) : UserAdministrationTests(app), IClassFixture<PostgresApp>;
