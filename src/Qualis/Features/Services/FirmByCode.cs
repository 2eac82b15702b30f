using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qualis.Features.Registry;

namespace Qualis.Features.Services;

/// <summary>
/// A firm of the caller's area named on a form by its credit code (a questionnaire's recipient, a park programme's member):
/// an empty box, a code that is not a credit code (said how, as the registry says it) or a firm outside the area is refused
/// on the field.
/// </summary>
internal static class FirmByCode
{
    public static async Task<EnterpriseEntry?> FindAsync(QualisDb db, IStringLocalizer l, ModelStateDictionary state, string field, string? typed, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            state.AddModelError(field, l["services.error.credit_code_required"]);
            return null;
        }
        var check = CreditCode.Check(typed);
        if (!check.IsValid && !check.OnlyCheckCharactersFail)
        {
            state.AddModelError(field, l[check.Problem!.Key, check.Problem.Args]);
            return null;
        }
        if (await RegistryFace.FindEnterpriseAsync(db, check.Normalised, ct) is { } firm) return firm;
        state.AddModelError(field, l["services.error.firm_outside", check.Normalised]);
        return null;
    }
}
