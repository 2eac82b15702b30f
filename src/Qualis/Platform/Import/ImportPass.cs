using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Qualis.Platform.Import;

/// <summary>
/// One pass over an import file, in the order its rows flow: reading the file and its header, parsing each row (the
/// duplicate-key check included), batching the records, applying each batch to the database, and pacing between
/// batches (<see cref="ImportPacing"/>). The runner around it owns the job's status, the transaction and the commit.
/// </summary>
internal sealed class ImportPass
{
    private const int BatchSize = 1000;

    private readonly ImportJob _job;
    private readonly IImportKind _kind;
    private readonly QualisDb _db;
    private readonly QualisDb _jobDb;
    private readonly ImportSettings _settings;
    private readonly bool _write;
    private readonly ImportPacing _pacing;
    private readonly Action<int, RowProblem> _report;
    /// <summary>Problems found since the progress was last saved (at most MaxStoredProblems in all).</summary>
    private readonly List<ImportProblem> _unsaved = [];
    private readonly List<RowProblem> _rowProblems = [];
    /// <summary>
    /// Keys seen so far, as 128-bit hashes of their UTF-16 bytes (a million credit codes as strings would take ~90 MB;
    /// as hashes ~35 MB; two different keys share a hash with odds of about 1 in 10^26 per file).
    /// </summary>
    private readonly Dictionary<UInt128, int> _firstRowOfKey = [];
    private IImportSession? _session;
    private BatchCounts _counts;

    public ImportPass(ImportJob job, IImportKind kind, QualisDb db, QualisDb jobDb, ImportSettings settings, bool write)
    {
        (_job, _kind, _db, _jobDb, _settings, _write) = (job, kind, db, jobDb, settings, write);
        _pacing = new ImportPacing(write, db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, SaveProgressAsync);
        _report = Report;
    }

    /// <summary>Where the session's time went, for the log.</summary>
    public string Timings => _session?.Timings ?? "";

    /// <summary>Reading: the file, its header, then its rows. A file that cannot be read is reported as a problem.</summary>
    public async Task<BatchCounts> RunAsync(CancellationToken ct)
    {
        await using var file = File.OpenRead(_settings.PathOf(_job.StoredPath));
        try
        {
            using var reader = TabularFile.Open(file, _job.FileName, _settings.Limits);
            _job.Encoding = reader.Encoding;
            var map = HeaderMap.Match(reader.Headers, _kind.Columns, _kind.NameColumns);
            _job.UnknownColumns = map.Unknown.Count == 0 ? null : string.Join("、", map.Unknown);
            foreach (var missing in map.Missing)
                Report(1, new RowProblem(missing.Key, null, "import.missing_column", missing.Chinese, missing.English));
            if (map.Missing.Count == 0) await ReadRowsAsync(reader, map.Index, file, ct);
        }
        catch (TabularFileException e)
        {
            Report(e.Row ?? 0, new RowProblem("", null, e.Key, e.Args));
        }
        return _counts;
    }

    /// <summary>Batching: the records of the rows that parse, a thousand at a time, each batch applied and paced.</summary>
    private async Task ReadRowsAsync(ITabularReader reader, IReadOnlyDictionary<string, int> columns, FileStream file, CancellationToken ct)
    {
        var present = _kind.Columns.Where(c => columns.ContainsKey(c.Key)).Select(c => c.Key).ToHashSet();
        _session = await _kind.OpenAsync(_db, present, ct);
        var row = ImportRow.Over(reader, columns);
        var batch = new List<ImportRecord>(BatchSize);
        while (reader.Read())
        {
            if (reader.IsBlankRow) continue;
            _job.RowsRead++;
            if (Parse(_session, row) is not { } record) continue;
            batch.Add(record);
            if (batch.Count < BatchSize) continue;
            await ApplyAsync(_session, batch, ct);
            _job.BytesRead = Math.Min(file.Position, _job.FileBytes);
            await _pacing.BatchDoneAsync(ct);
        }
        if (batch.Count > 0) await ApplyAsync(_session, batch, ct);
    }

    /// <summary>Parsing: one row into a record, or its problems; a key already seen in this file is a problem of the later row.</summary>
    private ImportRecord? Parse(IImportSession session, ImportRow row)
    {
        _rowProblems.Clear();
        // A control character (NUL …) in any cell is named by its cell, whatever the kind: PostgreSQL refuses NUL in text
        // and SQLite would store it, and no name or code holds one.
        foreach (var column in _kind.Columns)
            if (row.Raw(column.Key) is { } raw && Web.TextRule.HasControlCharacters(raw))
                _rowProblems.Add(new RowProblem(column.Key, Web.TextRule.Shorten(raw), "import.control_characters", column.Chinese, column.English));
        if (_rowProblems.Count > 0)
        {
            foreach (var p in _rowProblems) Report(row.Number, p);
            return null;
        }
        // A key seen before is reported whatever else is wrong with the row, so fixing the other cells does not
        // bring a duplicate to light only on the next check.
        var record = session.Parse(row, _rowProblems);
        if (record is { Key.Length: > 0 })
        {
            var keyHash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(record.Key.AsSpan()));
            if (!_firstRowOfKey.TryAdd(keyHash, row.Number))
                _rowProblems.Add(new RowProblem(_kind.Columns[0].Key, record.Key, "import.duplicate_key", record.Key, _firstRowOfKey[keyHash]));
        }
        foreach (var p in _rowProblems) Report(row.Number, p);
        return _rowProblems.Count == 0 ? record : null;
    }

    /// <summary>Applying: the session compares the batch with the stored records and, on a commit, writes it.</summary>
    private async Task ApplyAsync(IImportSession session, List<ImportRecord> batch, CancellationToken ct)
    {
        _counts += await session.ApplyAsync(batch, _write, _report, ct);
        batch.Clear();
    }

    /// <summary>Counts every problem; keeps the first MaxStoredProblems to be saved with the job.</summary>
    private void Report(int row, RowProblem p)
    {
        _job.ProblemCount++;
        if (_job.ProblemCount > _settings.MaxStoredProblems) return;
        _unsaved.Add(new ImportProblem
        {
            JobId = _job.Id, Row = row, Column = p.Column, Value = Clip(p.Value), ReasonKey = p.ReasonKey,
            ReasonArgs = p.Args.Length == 0 ? null : string.Join('\u001f', p.Args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))),
        });
    }

    private static string? Clip(string? s) => s is { Length: > 200 } ? s[..200] : s;

    /// <summary>Saves the job as it stands and the problems found since the last save.</summary>
    public async Task SaveProgressAsync(CancellationToken ct)
    {
        _jobDb.Set<ImportProblem>().AddRange(_unsaved);
        _unsaved.Clear();
        await _jobDb.SaveChangesAsync(ct);
    }
}
