using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Qualis.Features.Admin.Users;

public sealed record UserFieldsView(UserForm Form, List<(string Code, string Label)> Regions, ModelStateDictionary State)
{
    public string? Error(string key) =>
        State.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;
}
