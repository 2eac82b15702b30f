using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Export;

namespace Qualis.Bench;

/// <summary>
/// Issue 12, item 5: the platform's hand-written XLSX writer (<see cref="TableExport.WriteXlsxAsync(Stream, IReadOnlyList{string}, IAsyncEnumerable{object?[]}, CancellationToken, string)"/>)
/// against MiniExcel on the same rows: N enterprise-shaped rows (the enterprise export's columns, names beside codes) made
/// in memory by the <see cref="EnterpriseGenerator"/>, streamed to a file on disk, no database. Each writer runs in a
/// child process of its own (a fresh runtime, so one writer's heap and working set never count against the other), each
/// run RUNS times, the best run kept; a child that only generates the rows gives the generator's share of the time.
/// Both writers are asked for the same features: a bold frozen header with filter buttons, dates as dates.
/// </summary>
internal static class XlsxWritersBench
{
    public static async Task<int> RunAsync(int rows, int runs, string self)
    {
        var results = new Dictionary<string, JsonElement>();
        foreach (var writer in new[] { "none", "platform", "miniexcel" })
        {
            JsonElement? best = null;
            for (var run = 0; run < (writer == "none" ? 1 : runs); run++)
            {
                var one = await ChildAsync(self, writer, rows);
                Console.Error.WriteLine($"{writer} run {run + 1}: {one}");
                if (best is null || one.GetProperty("seconds").GetDouble() < best.Value.GetProperty("seconds").GetDouble()) best = one;
            }
            results[writer] = best!.Value;
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            rows, runs, machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            generateOnly = results["none"], platform = results["platform"], miniExcel = results["miniexcel"],
        }));
        return 0;
    }

    private static async Task<JsonElement> ChildAsync(string self, string writer, int rows)
    {
        var start = new ProcessStartInfo("dotnet", [self, "xlsx-writer-one", "--writer", writer, "--rows", rows.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0) throw new InvalidOperationException($"{writer}: exit {child.ExitCode}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>One writer, one run, in this process: the rows streamed into a temporary file; time, memory and size as JSON.</summary>
    public static async Task<int> OneAsync(string writer, int rows)
    {
        var headers = EnterpriseImport.ExportColumns.Select(c => c.Chinese).ToArray();
        var baselineWorkingSet = Environment.WorkingSet;
        long peakManaged = 0;
        using var sampler = new Timer(_ => { var m = GC.GetTotalMemory(false); if (m > Interlocked.Read(ref peakManaged)) Interlocked.Exchange(ref peakManaged, m); },
            null, 0, 20);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var path = Path.Combine(Path.GetTempPath(), $"qualis-xlsx-bench-{Environment.ProcessId}.xlsx");
        var watch = Stopwatch.StartNew();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920))
            {
                switch (writer)
                {
                    case "platform":
                        await TableExport.WriteXlsxAsync(file, headers, Rows(rows).ToAsyncEnumerable(), sheetName: "企业名录");
                        break;
                    case "miniexcel":
                        // A data reader is MiniExcel's leanest input: no dictionary or object per row.
                        using (var reader = new RowReader(headers, Rows(rows, dateTimes: true)))
                            await MiniExcel.SaveAsAsync(file, reader, sheetName: "企业名录", excelType: ExcelType.XLSX,
                                configuration: new OpenXmlConfiguration { AutoFilter = true, FreezeRowCount = 1, EnableAutoWidth = false });
                        break;
                    case "none":
                        foreach (var row in Rows(rows)) GC.KeepAlive(row);
                        break;
                    default:
                        throw new ArgumentException($"Unknown writer {writer}: platform, miniexcel or none.");
                }
            }
            var seconds = watch.Elapsed.TotalSeconds;
            using var self = Process.GetCurrentProcess();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                writer, rows, seconds, rowsPerSecond = rows / seconds, bytes = new FileInfo(path).Length,
                peakWorkingSetMb = self.PeakWorkingSet64 / 1048576.0, baselineWorkingSetMb = baselineWorkingSet / 1048576.0,
                peakManagedMb = Interlocked.Read(ref peakManaged) / 1048576.0,
                allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0,
                gen2Collections = GC.CollectionCount(2),
            }));
        }
        finally
        {
            File.Delete(path);
        }
        return 0;
    }

    /// <summary>
    /// The enterprise export's rows, as <c>Export.cshtml.cs</c> makes them: credit code as text, region and industry names
    /// beside their codes, money in 万元, size and status as words, the founding date as a date (a DateTime for MiniExcel,
    /// which formats DateTime cells as dates).
    /// </summary>
    private static IEnumerable<object?[]> Rows(int count, bool dateTimes = false)
    {
        var counties = CountyInfo.BuiltInCounties();
        var regionNames = counties.ToDictionary(c => c.Code, c => c.Name);
        string[] sizes = ["大型", "中型", "小型", "微型"];
        string[] statuses = ["存续", "在业", "注销", "吊销", "迁出"];
        foreach (var e in new EnterpriseGenerator(20181108, counties).Generate(count))
        {
            object? established = e.EstablishedOn is { } d ? dateTimes ? d.ToDateTime(TimeOnly.MinValue) : d : null;
            yield return
            [
                e.CreditCode, e.Name, e.RegionCode, regionNames.GetValueOrDefault(e.RegionCode), e.FormerNames, e.LegalRepresentative, e.Address,
                e.IndustryCode, e.IndustryCode is null ? null : "行业" + e.IndustryCode, e.RegisteredCapitalYuan / 10000m, e.Employees,
                e.RevenueYuan / 10000m, e.Size is { } s ? sizes[(int)s % sizes.Length] : null, statuses[(int)e.Status % statuses.Length], established,
                null, e.ChiefQualityOfficer, e.Certifications, e.QualityAwards, e.Brands, e.DeclaredStandards, e.CreditCodeOverrideReason,
                e.CreditClass.ToString(), e.ProductCategories, e.ProductCategories,
            ];
        }
    }

    /// <summary>The rows as a forward-only data reader, the form MiniExcel streams without building a row object.</summary>
    private sealed class RowReader(string[] headers, IEnumerable<object?[]> rows) : DbDataReader
    {
        private readonly IEnumerator<object?[]> _rows = rows.GetEnumerator();

        public override bool Read() => _rows.MoveNext();
        public override int FieldCount => headers.Length;
        public override string GetName(int ordinal) => headers[ordinal];
        public override int GetOrdinal(string name) => Array.IndexOf(headers, name);
        public override object GetValue(int ordinal) => _rows.Current[ordinal] ?? DBNull.Value;
        public override bool IsDBNull(int ordinal) => _rows.Current[ordinal] is null;
        public override Type GetFieldType(int ordinal) => typeof(object);
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(GetOrdinal(name));
        public override int GetValues(object[] values)
        {
            for (var i = 0; i < FieldCount; i++) values[i] = GetValue(i);
            return FieldCount;
        }
        public override bool HasRows => true;
        public override bool IsClosed => false;
        public override int RecordsAffected => -1;
        public override int Depth => 0;
        public override bool NextResult() => false;
        public override string GetDataTypeName(int ordinal) => "object";
        public override IEnumerator<object> GetEnumerator() => throw new NotSupportedException();
        public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);
        public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override char GetChar(int ordinal) => (char)GetValue(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
        public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);
        public override double GetDouble(int ordinal) => (double)GetValue(ordinal);
        public override float GetFloat(int ordinal) => (float)GetValue(ordinal);
        public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
        public override short GetInt16(int ordinal) => (short)GetValue(ordinal);
        public override int GetInt32(int ordinal) => (int)GetValue(ordinal);
        public override long GetInt64(int ordinal) => (long)GetValue(ordinal);
        public override string GetString(int ordinal) => (string)GetValue(ordinal);
        protected override void Dispose(bool disposing)
        {
            if (disposing) _rows.Dispose();
            base.Dispose(disposing);
        }
    }
}
