using Qualis.Platform.Access;
using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Access;

/// <summary>The rules beneath region scoping and API keys, without a database.</summary>
public sealed class RegionScopeRulesTests
{
    [Theory]
    [InlineData("/340000/340100/", "/340000/340100/340122/", true)]
    [InlineData("/340000/340100/", "/340000/340100/", true)]
    [InlineData("/340000/340100/", "/340000/340200/340202/", false)]
    [InlineData("/340000/340100/", "/340000/", false)]
    [InlineData("/340000/340100/", null, false)]
    [InlineData("/340000/3401/", "/340000/340100/", false)]
    public void An_actor_reaches_its_region_and_the_regions_below(string actorPath, string? recordPath, bool reaches)
    {
        var actor = new Actor();
        actor.Set("u", "u", "web", null, actorPath);
        actor.CanReach(recordPath).ShouldBe(reaches);
        actor.IsRestricted.ShouldBeTrue();
    }

    [Fact]
    public void An_unrestricted_actor_reaches_everything()
    {
        var system = new Actor();
        system.Set(null, "cli", "cli", null, null);
        system.IsRestricted.ShouldBeFalse();
        system.CanReach("/440000/").ShouldBeTrue();
    }

    [Fact]
    public void The_built_in_tree_has_31_provinces_and_Anhui_down_to_its_counties()
    {
        var regions = RegionCatalog.Build(RegionCatalog.BuiltIn());
        regions.Count(r => r.Level == RegionLevel.Province).ShouldBe(31);
        var anhuiCities = regions.Where(r => r.ParentCode == "340000").Select(r => r.Code).ToList();
        anhuiCities.ShouldBe(["340100", "340200", "340300", "340400", "340500", "340600", "340700", "340800", "341000", "341100", "341200", "341300", "341500", "341600", "341700", "341800"], ignoreOrder: true);
        var feidong = regions.Single(r => r.Code == "340122");
        feidong.Name.ShouldBe("肥东县");
        feidong.Level.ShouldBe(RegionLevel.County);
        feidong.RegionPath.ShouldBe("/340000/340100/340122/");
        regions.Where(r => r.Level == RegionLevel.County).ShouldAllBe(r => r.Code.StartsWith(r.ParentCode!.Substring(0, 4)));
    }

    [Fact]
    public void A_region_whose_parent_is_unknown_is_refused_with_both_codes()
    {
        var e = Should.Throw<InvalidOperationException>(() => RegionCatalog.Build([new("340199", "某区", null, "349900")]));
        e.Message.ShouldContain("340199");
        e.Message.ShouldContain("349900");
    }

    [Fact]
    public void Officials_sit_at_the_level_of_their_office()
    {
        Roles.RequiredLevel(Roles.ProvincialOfficer).ShouldBe(RegionLevel.Province);
        Roles.RequiredLevel(Roles.CityOfficer).ShouldBe(RegionLevel.City);
        Roles.RequiredLevel(Roles.CountyOfficer).ShouldBe(RegionLevel.County);
        Roles.RequiredLevel(Roles.Inspector).ShouldBeNull();
        Roles.IsKnown("superuser").ShouldBeFalse();
    }

    [Fact]
    public void An_api_key_is_found_by_its_prefix_and_checked_against_its_hash()
    {
        var (client, key) = ApiClient.Issue("系统", "部门", "/340000/", ["regions.read", "audit.read", "regions.read"], "admin");
        client.Scopes.ShouldBe("audit.read regions.read");
        ApiClient.PrefixOf(key).ShouldBe(client.KeyPrefix);
        client.Matches(key).ShouldBeTrue();
        client.Matches(key[..^1] + (key[^1] == 'a' ? 'b' : 'a')).ShouldBeFalse();
        client.KeyHash.ShouldNotContain(key[12..]);
        ApiClient.PrefixOf("qk_short_x").ShouldBeNull();
        ApiClient.PrefixOf("Bearer abc").ShouldBeNull();
        ApiClient.Issue("b", "d", "/", ["x"], null).Client.KeyPrefix.ShouldNotBe(client.KeyPrefix);
    }
}
