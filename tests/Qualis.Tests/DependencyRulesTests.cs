using System.Reflection;
using Microsoft.AspNetCore.Razor.Hosting;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;
using Qualis.Platform.Modules;

namespace Qualis.Tests;

/// <summary>
/// The seams between the parts of the application, read from its compiled code: Platform uses no feature, and a module
/// (a top-level folder under Features) uses another module only through that module's face — the few types it marks
/// [ModuleFace]. Razor pages and views compile into the same assembly (named after their folder through _ViewImports' @namespace,
/// or AspNetCoreGeneratedDocument.* without one); each is checked as part of the module whose folder holds its .cshtml file.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly Assembly App = typeof(QualisDb).Assembly;

    /// <summary>What modules let the others use: the types marked [ModuleFace] (a module without any has no face).</summary>
    private static readonly HashSet<string> Faces =
        App.GetTypes().Where(t => t.IsDefined(typeof(ModuleFaceAttribute), false)).Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

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
                        && !Faces.Contains(d.To))
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
        // And the faces are found by their mark: the registry's, and what supervision publishes for the public side.
        Faces.ShouldContain("Qualis.Features.Registry.RegistryFace");
        Faces.ShouldContain("Qualis.Features.Supervision.Publication.PublishedDraws");
        Faces.ShouldNotContain("Qualis.Features.Registry.Enterprises.Enterprise");
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
