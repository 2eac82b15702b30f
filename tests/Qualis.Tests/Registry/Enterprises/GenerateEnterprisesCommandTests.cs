using System.Text;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.Tests.Registry.Enterprises;

public sealed class GenerateEnterprisesCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qualis-generate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output, string Errors) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = GenerateEnterprisesCommand.Run(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public void It_writes_the_asked_number_of_enterprises_as_an_import_file_with_a_byte_order_mark()
    {
        var file = Path.Combine(_folder, "enterprises.csv");
        var (code, output, _) = Run("--count", "250", "--seed", "7", "--csv", file);
        code.ShouldBe(0);
        output.ShouldContain("250");
        var bytes = File.ReadAllBytes(file);
        bytes.Take(3).ShouldBe(new UTF8Encoding(true).GetPreamble());
        var lines = File.ReadAllLines(file, Encoding.UTF8);
        lines.Length.ShouldBe(251);
        lines[0].ShouldBe(string.Join(",", EnterpriseGenerator.CsvHeaders));

        var again = Path.Combine(_folder, "again.csv");
        Run("--count", "250", "--seed", "7", "--csv", again).Code.ShouldBe(0);
        File.ReadAllBytes(again).ShouldBe(bytes);
    }

    [Fact]
    public void Without_a_file_it_says_that_the_import_loads_the_database()
    {
        var (code, _, errors) = Run("--count", "10");
        code.ShouldBe(2);
        errors.ShouldContain("--csv FILE");
        errors.ShouldContain("import");
    }

    [Theory]
    [InlineData]
    [InlineData("--count", "0", "--csv", "x.csv")]
    [InlineData("--count", "ten", "--csv", "x.csv")]
    [InlineData("--count", "10", "--seed", "--csv", "x.csv")]
    [InlineData("--count", "10", "--csv")]
    [InlineData("--count", "10", "--rows", "5", "--csv", "x.csv")]
    public void Wrong_arguments_get_the_usage(params string[] args)
    {
        var (code, _, errors) = Run(args);
        code.ShouldBe(2);
        errors.ShouldContain("Usage: Qualis generate-enterprises --count N [--seed S] --csv FILE");
    }
}
