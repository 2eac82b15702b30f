using System.Text;
using QRCoder;

namespace Qualis.Platform.Printing;

/// <summary>A document's QR code as a square of modules: the print page draws it as SVG, the PDF as filled squares.</summary>
public sealed class DocumentQr
{
    private readonly bool[,] modules;

    private DocumentQr(bool[,] modules) => this.modules = modules;

    public int Size => modules.GetLength(0);
    public bool IsDark(int row, int column) => modules[row, column];

    /// <summary>The code for an address, with error correction M (a stamp or a crease over it still scans) and its quiet zone.</summary>
    public static DocumentQr For(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var modules = new bool[size, size];
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                modules[r, c] = matrix[r][c];
        return new DocumentQr(modules);
    }

    /// <summary>An SVG of the code, one path of unit squares, scaled by the page.</summary>
    public string Svg(string label)
    {
        var path = new StringBuilder();
        for (var r = 0; r < Size; r++)
            for (var c = 0; c < Size; c++)
                if (modules[r, c]) path.Append('M').Append(c).Append(' ').Append(r).Append("h1v1h-1z");
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Size} {Size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\"><rect width=\"{Size}\" height=\"{Size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>";
    }
}
