namespace Qualis.Platform.Printing;

public static class PrintingSetup
{
    /// <summary>Printed documents: the document-number register a module's print pages number their documents through.</summary>
    public static IServiceCollection AddQualisPrinting(this IServiceCollection services) => services.AddScoped<DocumentNumbering>();
}
