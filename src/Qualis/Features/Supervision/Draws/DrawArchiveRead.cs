using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// A stored draw as <c>verify-draw DRAW-ID</c> reads it: plain SQL on a connection of its own, not through EF. A fresh
/// process paid 1.26 s for the platform's DbContext before its first row (of the 2 s the command took over a
/// province's draw on PostgreSQL), far more than reproducing the draw with its teams costs (0.2 s). Only what the
/// verification uses is read; the same SQL on both databases.
/// </summary>
internal static class DrawArchiveRead
{
    /// <summary>The draw (the fields the verification reads) and, once its seed is revealed, its archive and its result.tsv; null when there is no such draw.</summary>
    public static async Task<(Draw Draw, DrawArchive? Archive, string? Result)?> ReadAsync(DatabaseSettings settings, Guid id, CancellationToken ct = default)
    {
        await using DbConnection connection = settings.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(settings.ConnectionString) : new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        // SQLite keeps a Guid as its upper-case text (EF's mapping there), PostgreSQL as a uuid.
        object key = connection is SqliteConnection ? id.ToString().ToUpperInvariant() : id;

        Draw draw;
        await using (var command = Command(connection, """
            SELECT "Status", "Seed", "Commitment", "SnapshotHash", "InputsHash", "ParametersHash", "CommittedAt", "WitnessList",
                   "WitnessDeadline", "ParametersFile", "Parameters", "WitnessesFile"
            FROM "Draws" WHERE "Id" = @id
            """, key))
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return null;
            draw = new Draw
            {
                Id = id, Status = Enum.Parse<DrawStatus>(r.GetString(0)), Seed = Text(r, 1), Commitment = r.GetString(2), SnapshotHash = r.GetString(3),
                InputsHash = r.GetString(4), ParametersHash = Text(r, 5), CommittedAt = Utc(r.GetDateTime(6)), WitnessList = Text(r, 7),
                WitnessDeadline = r.IsDBNull(8) ? null : Utc(r.GetDateTime(8)), ParametersFile = Text(r, 9), Parameters = r.GetString(10), WitnessesFile = Text(r, 11),
            };
        }
        if (draw.Seed is null) return (draw, null, null);

        DrawArchive archive;
        await using (var command = Command(connection, """SELECT "Snapshot", "Inputs" FROM "DrawArchives" WHERE "DrawId" = @id""", key))
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) throw new InvalidOperationException($"Draw {id} has no archive.");
            archive = new DrawArchive { DrawId = id, Snapshot = (byte[])r.GetValue(0), Inputs = (byte[])r.GetValue(1) };
        }
        // result.tsv as DrawFiles.ResultAsync writes it: order, stratum, credit code and team, one line feed after each.
        var result = new StringBuilder();
        await using (var command = Command(connection, """
            SELECT "Order", "StratumKey", "CreditCode", "InspectorIds" FROM "DrawTargets" WHERE "DrawId" = @id ORDER BY "Order"
            """, key))
        await using (var r = await command.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                result.Append(r.GetInt32(0).ToString(CultureInfo.InvariantCulture)).Append('\t').Append(r.GetString(1)).Append('\t')
                    .Append(r.GetString(2)).Append('\t').Append(r.GetString(3)).Append('\n');
        return (draw, archive, result.ToString());
    }

    private static DbCommand Command(DbConnection connection, string sql, object key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var p = command.CreateParameter();
        p.ParameterName = "@id";
        p.Value = key;
        command.Parameters.Add(p);
        return command;
    }

    private static string? Text(DbDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    /// <summary>Times are stored in UTC (QualisDb's converters): SQLite's text comes back unspecified, PostgreSQL's as UTC.</summary>
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
