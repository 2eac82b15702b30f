namespace Qualis.Platform.Modules;

/// <summary>
/// Marks a type other modules may use: a module's face (the few methods through which others read it) and the records
/// and vocabulary those methods speak. Anything of a module without it is that module's own; DependencyRulesTests
/// fails on a use of it from another module. The mark sits on the type, so a new module's face needs no list elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface, Inherited = false)]
public sealed class ModuleFaceAttribute : Attribute;
