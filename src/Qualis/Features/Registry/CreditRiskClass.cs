using Qualis.Platform.Modules;

namespace Qualis.Features.Registry;

/// <summary>
/// Credit-risk class (信用风险分类) of an enterprise, which sets how often the double-random draw picks it; D is the
/// riskiest. Registry keeps it on the enterprise; the credit module grades it through <see cref="RegistryFace.SetCreditClassAsync"/>.
/// Stored and published as the letter, so the values never change.
/// </summary>
[TextKeys("supervision.class.")]
[ModuleFace]
public enum CreditRiskClass
{
    A = 1,
    B = 2,
    C = 3,
    D = 4,
}
