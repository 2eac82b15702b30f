using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Qualis.Features.Admin.Users;

/// <param name="Roles">The roles offered in the role list.</param>
/// <param name="Profile">Whether the name, unit, enterprise code and certificate number may be changed here (the system administrator's duty).</param>
/// <param name="Access">Whether the role and region may be changed here (the security administrator's duty).</param>
public sealed record UserFieldsView(UserForm Form, List<(string Code, string Label)> Regions, ModelStateDictionary State, IReadOnlyList<string> Roles, bool Profile, bool Access)
{
    public string? Error(string key) =>
        State.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;
}
