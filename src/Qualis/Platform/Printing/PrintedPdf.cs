using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Qualis.Platform.Printing;

/// <summary>A document's PDF as a print page answers it: shown in the browser's viewer (print or save from there), named after the document.</summary>
public static class PrintedPdf
{
    public static FileContentResult Of(HttpResponse response, OfficialDocument document, string fileName)
    {
        var bytes = PdfDocumentRenderer.Render(document);
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName($"{fileName}.pdf");
        response.Headers.ContentDisposition = disposition.ToString();
        return new FileContentResult(bytes, "application/pdf");
    }
}
