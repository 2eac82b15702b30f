using System.Diagnostics;

namespace Qualis.Features;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "error.server";
    public string? RequestId { get; private set; }
    /// <summary>What the edge checks found wrong with the address (a search term too long, a control character), if that was it.</summary>
    public string? Problem { get; private set; }

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? Response.StatusCode;
        TitleKey = status switch
        {
            404 => "error.not_found",
            403 => "error.forbidden",
            400 => "error.bad_request",
            429 => "error.too_many",
            _ => "error.server",
        };
        Problem = HttpContext.Items[Platform.Web.EdgeChecks.ProblemItem] as string;
        if (status >= 500) RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
