using System.Net;
using Qualis.Features.Departments;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Departments;

/// <summary>The departments directory through its pages, and its face for the action plans.</summary>
public abstract class DepartmentsTests(QualisApp app)
{
    private static Dictionary<string, string> Form(string name, string region, string aliases = "", DepartmentKind kind = DepartmentKind.Provincial, bool active = true) => new()
    {
        ["Form.Name"] = name, ["Form.Aliases"] = aliases, ["Form.Kind"] = kind.ToString(), ["Form.RegionCode"] = region,
        ["Form.Active"] = active ? "true" : "false",
    };

    private Task<List<Department>> NamedAsync(string name) =>
        app.WithDb(db => db.Set<Department>().Where(d => d.Name == name).ToListAsync());

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_department_is_created_edited_and_keeps_its_history()
    {
        var province = await app.SignedInAs("province");
        var name = Unique("省质量发展委员会办公室");
        var created = await province.PostFormAsync("/Departments/Edit", Form(name, "340000", "省质量强省办"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await created.Content.ReadAsStringAsync()));
        var page = created.Headers.Location!.ToString();
        var id = page.Split('/').Last();

        var renamed = name + "（新）";
        var edit = "/Departments/Edit/" + id;
        var edited = await province.PostFormAsync(edit, Form(renamed, "340000", "省质量强省办、" + name, DepartmentKind.Other, active: false));
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await edited.Content.ReadAsStringAsync()));

        var stored = (await NamedAsync(renamed)).ShouldHaveSingleItem();
        stored.Aliases.ShouldBe("省质量强省办、" + name);
        stored.Kind.ShouldBe(DepartmentKind.Other);
        stored.Active.ShouldBeFalse();
        var detail = await province.GetStringAsync(page);
        detail.ShouldContain(renamed);
        detail.ShouldContain("安徽省");
        // The history partial shows the creation and the change.
        detail.ShouldContain("id=\"audit-history\"");
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Department) && e.EntityKey == id))).ShouldBe(2);
    }

    [Fact]
    public async Task The_list_finds_a_department_by_a_former_name_and_filters_by_region_and_kind()
    {
        var province = await app.SignedInAs("province");
        var byAlias = await province.GetStringAsync("/Departments?q=" + Uri.EscapeDataString("省质监"));
        byAlias.ShouldContain("省市场监管局");
        byAlias.ShouldNotContain("省农业农村厅");

        var hefei = await province.GetStringAsync("/Departments?region=340100");
        hefei.ShouldContain("合肥市市场监管局");
        hefei.ShouldNotContain("省商务厅");
        hefei.ShouldContain("合肥市"); // the region by name, not code

        var central = await province.GetStringAsync("/Departments?kind=Central");
        central.ShouldContain("合肥海关");
        central.ShouldNotContain("省教育厅");

        // Partner departments read the directory but get no edit button.
        var partner = await (await app.SignedInAs("partner")).GetStringAsync("/Departments");
        partner.ShouldContain("省农业农村厅");
        partner.ShouldNotContain("id=\"new-department\"");
    }

    [Fact]
    public async Task The_empty_form_names_each_field_in_the_pages_language()
    {
        var province = await app.SignedInAs("province");
        var chinese = Forms.ErrorsIn(await (await province.PostFormAsync("/Departments/Edit", Form("", ""))).Content.ReadAsStringAsync());
        chinese.ShouldContain("请填写部门名称。");
        chinese.ShouldContain("区域不存在或不在您的管辖范围内。");
        var tooLong = Forms.ErrorsIn(await (await province.PostFormAsync("/Departments/Edit", Form(new string('部', 101), "340000"))).Content.ReadAsStringAsync());
        tooLong.ShouldContain("部门名称不能超过 100 个字符。");

        var userName = Unique("dept.en.");
        await RecordSamples.NewUserAsync(app, userName, Roles.ProvincialOfficer, "340000", "English officer");
        var english = await app.SignedInAs(userName);
        await english.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/Departments" }, "/");
        var errors = Forms.ErrorsIn(await (await english.PostFormAsync("/Departments/Edit", Form("", ""))).Content.ReadAsStringAsync());
        errors.ShouldContain("Enter the department name.");
        errors.ShouldContain("The region does not exist or is outside your area.");
    }

    [Fact]
    public async Task A_name_taken_in_the_region_or_used_as_an_alias_is_refused()
    {
        var province = await app.SignedInAs("province");
        var taken = Forms.ErrorsIn(await (await province.PostFormAsync("/Departments/Edit", Form("省商务厅", "340000"))).Content.ReadAsStringAsync());
        taken.ShouldContain("本区域已有名为“省商务厅”的部门。");
        var alias = Forms.ErrorsIn(await (await province.PostFormAsync("/Departments/Edit", Form(Unique("省某厅"), "340000", "省教育厅"))).Content.ReadAsStringAsync());
        alias.ShouldContain("曾用名“省教育厅”是本区域另一个在用部门的名称。");
        // The same name in another region is another department.
        var city = await province.PostFormAsync("/Departments/Edit", Form("省商务厅", "340200", kind: DepartmentKind.Other));
        city.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await NamedAsync("省商务厅")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Two_identical_creates_at_once_leave_one_department()
    {
        var province = await app.SignedInAs("province");
        var token = await province.TokenAsync("/Departments/Edit");
        var name = Unique("省体育局");
        var form = new Dictionary<string, string>(Form(name, "340000")) { ["__RequestVerificationToken"] = token };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => province.PostAsync("/Departments/Edit", new FormUrlEncodedContent(form))));

        (await NamedAsync(name)).ShouldHaveSingleItem();
        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain($"本区域已有名为“{name}”的部门。");
        }
    }

    [Fact]
    public async Task A_city_officer_neither_sees_nor_creates_another_citys_departments()
    {
        var wuhuName = Unique("芜湖市某局");
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.PostFormAsync("/Departments/Edit", Form(wuhuName, "340200", kind: DepartmentKind.City))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = (await NamedAsync(wuhuName)).Single().Id;

        var hefei = await app.SignedInAs("hefei");
        var list = await hefei.GetStringAsync("/Departments");
        list.ShouldContain("合肥市市场监管局");
        list.ShouldNotContain(wuhuName);
        list.ShouldNotContain("省市场监管局<"); // the province's departments are above the city's area
        (await hefei.GetAsync("/Departments/" + id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetAsync("/Departments/Edit/" + id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var outside = Unique("合肥越界局");
        var refused = await hefei.PostFormAsync("/Departments/Edit", Form(outside, "340200", kind: DepartmentKind.City));
        Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain("区域不存在或不在您的管辖范围内。");
        (await NamedAsync(outside)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_face_resolves_current_and_former_names()
    {
        (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省质监局")))!.Name.ShouldBe("省市场监管局");
        (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省经信委")))!.Name.ShouldBe("省经济和信息化厅");
        (await app.WithDb(db => DepartmentsFace.FindAsync(db, " 省农业农村厅 ")))!.Aliases.ShouldBe(["省农委"]);
        // A fragment of an alias is not an alias.
        (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省质监"))).ShouldBeNull();
        (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省不存在局"))).ShouldBeNull();
        // A city sees its own departments only.
        var hefeiPath = await app.WithDb(db => db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340100").Select(r => r.RegionPath).SingleAsync());
        (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省质监局"), hefeiPath)).ShouldBeNull();
        (await app.WithDb(db => DepartmentsFace.FindAsync(db, "合肥市质监局"), hefeiPath))!.Name.ShouldBe("合肥市市场监管局");
        var active = await app.WithDb(db => DepartmentsFace.ActiveAsync(db));
        active.ShouldContain(d => d.Name == "合肥海关" && d.Kind == DepartmentKind.Central);
        active.ShouldAllBe(d => d.Active);
    }
}

public sealed class DepartmentsOnSqlite(SqliteApp app) : DepartmentsTests(app), IClassFixture<SqliteApp>;
public sealed class DepartmentsOnPostgres(PostgresApp app) : DepartmentsTests(app), IClassFixture<PostgresApp>;
