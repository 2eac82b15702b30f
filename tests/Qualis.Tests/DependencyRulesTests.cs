using System.Reflection;
using Microsoft.AspNetCore.Razor.Hosting;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Qualis.Tests;

/// <summary>
/// The seams between the parts of the application, read from its compiled code: Platform uses no feature, and a module
/// (a top-level folder under Features) uses another module only through that module's face — the few types it names
/// below. Razor pages and views compile into the same assembly (named after their folder through _ViewImports' @namespace,
/// or AspNetCoreGeneratedDocument.* without one); each is checked as part of the module whose folder holds its .cshtml file.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly Assembly App = typeof(QualisDb).Assembly;

    /// <summary>What each module lets the others use. A module not named here has no face: nothing outside it may use it.</summary>
    private static readonly Dictionary<string, string[]> Faces = new()
    {
        ["Registry"] =
        [
            "Qualis.Features.Registry.RegistryFace", "Qualis.Features.Registry.EnterpriseEntry", "Qualis.Features.Registry.ProductCategoryRule",
            "Qualis.Features.Registry.IndustryHeading", "Qualis.Features.Registry.TestingAgencyEntry", "Qualis.Features.Registry.InspectorEntry",
            "Qualis.Features.Registry.DrawDirectoryCriteria",
            // The registry's vocabulary, which plans and draws are written in.
            "Qualis.Features.Registry.EnterpriseStatus", "Qualis.Features.Registry.EnterpriseSize", "Qualis.Features.Registry.CreditRiskClass",
            "Qualis.Features.Registry.CreditCode", "Qualis.Features.Registry.CreditCodeCheck", "Qualis.Features.Registry.CodeProblem",
        ],
        // What supervision publishes (一公开), for the public side.
        ["Supervision"] =
        [
            "Qualis.Features.Supervision.Publication.PublishedResults", "Qualis.Features.Supervision.Publication.PublishedResult",
            "Qualis.Features.Supervision.Publication.PublishedResultSearch", "Qualis.Features.Supervision.Publication.PublishedFailure",
            "Qualis.Features.Supervision.Publication.PublishedCorrection", "Qualis.Features.Supervision.Publication.PublishedDraws",
            "Qualis.Features.Supervision.Publication.DrawPublication", "Qualis.Features.Supervision.Publication.PublishedDrawRow",
            "Qualis.Features.Supervision.Publication.PublishedDrawTarget",
            // The published parameters file of a draw, and the states and results the published pages show.
            "Qualis.Features.Supervision.Draws.DrawParameters", "Qualis.Features.Supervision.Draws.DrawStatus",
            "Qualis.Features.Supervision.SpotChecks.CheckResult",
        ],
        ["Audit"] = ["Qualis.Features.Audit.AuditHistory", "Qualis.Features.Audit.AuditHistoryView", "Qualis.Features.Audit.AuditRow"],
        ["Shared"] = ["Qualis.Features.Shared.Paging", "Qualis.Features.Shared.Download"],
    };

    [Fact]
    public void Platform_uses_no_feature()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("Qualis.Platform").ShouldNot().HaveDependencyOn("Qualis.Features").GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
        result.IsSuccessful.ShouldBeTrue();
    }

    [Fact]
    public void A_module_uses_another_only_through_its_face()
    {
        var violations = Dependencies()
            .Where(d => d.ToModule is not null && d.ToModule != d.FromModule
                        && !(Faces.TryGetValue(d.ToModule, out var face) && face.Contains(d.To)))
            .Select(d => $"{d.FromModule}: {d.From} uses {d.To}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        violations.ShouldBeEmpty();
    }

    [Fact]
    public void The_rules_see_pages_views_and_code_across_modules()
    {
        var dependencies = Dependencies().ToList();
        // Views are read as part of their module: the public draw page uses what supervision publishes.
        dependencies.ShouldContain(d => d.IsView && d.FromModule == "Public" && d.To == "Qualis.Features.Supervision.Publication.DrawPublication");
        // Method bodies are read: the draw calls the registry's face.
        dependencies.ShouldContain(d => d.From == "Qualis.Features.Supervision.Draws.DrawService" && d.To == "Qualis.Features.Registry.RegistryFace");
        // And the faces name real types.
        var names = App.GetTypes().Select(t => t.FullName).ToHashSet();
        Faces.Values.SelectMany(f => f).Where(n => !names.Contains(n)).ShouldBeEmpty();
    }

    private sealed record Dependency(string From, bool IsView, string FromModule, string To, string? ToModule);

    /// <summary>Every type each module's code names (outermost types: closures and state machines count as their method's type).</summary>
    private static IEnumerable<Dependency> Dependencies()
    {
        var views = App.GetCustomAttributes<RazorCompiledItemAttribute>().ToDictionary(a => a.Type.FullName!, a => a.Identifier);
        using var module = ModuleDefinition.ReadModule(App.Location);
        foreach (var type in module.Types)
        {
            var from = type.FullName;
            var isView = views.TryGetValue(from, out var path);
            var fromModule = isView ? ModuleOfView(path!) : ModuleOf(type.Namespace);
            if (fromModule is null) continue;
            var used = new HashSet<string>(StringComparer.Ordinal);
            Collect(type, used);
            foreach (var to in used) yield return new Dependency(from, isView, fromModule, to, ModuleOf(to[..Math.Max(0, to.LastIndexOf('.'))]));
        }
    }

    /// <summary>"Qualis.Features.Registry.Enterprises" → "Registry"; null outside a module (Platform, and Qualis.Features itself, which wires them).</summary>
    private static string? ModuleOf(string ns) =>
        ns.StartsWith("Qualis.Features.", StringComparison.Ordinal) ? ns.Split('.')[2] : null;

    /// <summary>"/Features/Public/Draws/Detail.cshtml" → "Public"; null for the views directly under /Features.</summary>
    private static string? ModuleOfView(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 2 && parts[0] == "Features" ? parts[1] : null;
    }

    private static void Collect(TypeDefinition type, HashSet<string> used)
    {
        Add(type.BaseType, used);
        foreach (var i in type.Interfaces) Add(i.InterfaceType, used);
        Attributes(type, used);
        foreach (var p in type.GenericParameters) foreach (var c in p.Constraints) Add(c.ConstraintType, used);
        foreach (var f in type.Fields) { Add(f.FieldType, used); Attributes(f, used); }
        foreach (var p in type.Properties) { Add(p.PropertyType, used); Attributes(p, used); }
        foreach (var e in type.Events) Add(e.EventType, used);
        foreach (var m in type.Methods)
        {
            Attributes(m, used);
            Add(m, used);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType, used);
            foreach (var instruction in m.Body.Instructions) Operand(instruction, used);
        }
        foreach (var nested in type.NestedTypes) Collect(nested, used);
    }

    private static void Operand(Instruction instruction, HashSet<string> used)
    {
        switch (instruction.Operand)
        {
            case TypeReference t: Add(t, used); break;
            case MethodReference m: Add(m, used); break;
            case FieldReference f: Add(f.DeclaringType, used); Add(f.FieldType, used); break;
        }
    }

    private static void Add(MethodReference m, HashSet<string> used)
    {
        Add(m.DeclaringType, used);
        Add(m.ReturnType, used);
        foreach (var p in m.Parameters) Add(p.ParameterType, used);
        if (m is GenericInstanceMethod g) foreach (var a in g.GenericArguments) Add(a, used);
    }

    private static void Attributes(Mono.Cecil.ICustomAttributeProvider provider, HashSet<string> used)
    {
        foreach (var a in provider.CustomAttributes)
        {
            Add(a.AttributeType, used);
            foreach (var argument in a.ConstructorArguments) if (argument.Value is TypeReference t) Add(t, used);
        }
    }

    /// <summary>Adds the type, its element type and its type arguments, each by its outermost declaring type.</summary>
    private static void Add(TypeReference? t, HashSet<string> used)
    {
        switch (t)
        {
            case null or GenericParameter: return;
            case GenericInstanceType g:
                foreach (var a in g.GenericArguments) Add(a, used);
                Add(g.ElementType, used);
                return;
            case TypeSpecification s: Add(s.ElementType, used); return;
        }
        while (t.DeclaringType is { } outer) t = outer;
        used.Add(t.FullName);
    }
}
