using System.Diagnostics;
using System.Text;
using Qualis.Platform.Operations;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// <c>Qualis generate-enterprises --count N [--seed S] --csv FILE</c>: writes N generated enterprises of the demo
/// province as an enterprise-import CSV (UTF-8 with BOM, money in 万元), for demo data and the import and search
/// benchmarks. Loading into a database is the import's job (企业名录导入, or the benchmark's bulk loader), so the
/// rows go through the same validation as officials' files.
/// </summary>
public sealed class GenerateEnterprisesCommand : ICommand
{
    public string Verb => "generate-enterprises";

    public Task<int> RunAsync(IServiceProvider services, string[] args) => Task.FromResult(Run(args, Console.Out, Console.Error));

    internal static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        int? count = null;
        var seed = 1;
        string? csv = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    count = n;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--csv" when !string.IsNullOrWhiteSpace(value):
                    csv = value;
                    i++;
                    break;
                default:
                    return Usage(errors, $"'{args[i]}' is not understood here.");
            }
        }
        if (count is null) return Usage(errors, "Say how many enterprises: --count N (a whole number above 0).");
        if (csv is null)
            return Usage(errors, "Give a file to write: --csv FILE. Enterprises reach the database through the enterprise import " +
                                 "(企业名录导入), which checks every row; this command only writes the file.");

        var watch = Stopwatch.StartNew();
        var generator = new EnterpriseGenerator(seed, CountyInfo.BuiltInCounties());
        using (var writer = new StreamWriter(csv, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20))
            generator.WriteCsv(writer, count.Value);
        output.WriteLine($"Wrote {count.Value:N0} enterprises (seed {seed}) to {csv} in {watch.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static int Usage(TextWriter errors, string problem)
    {
        errors.WriteLine(problem);
        errors.WriteLine("Usage: Qualis generate-enterprises --count N [--seed S] --csv FILE");
        return 2;
    }
}
