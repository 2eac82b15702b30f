using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Qualis.Features.Awards;

namespace Qualis.Bench;

/// <summary>
/// Issue 16's expert draw of an award round, timed: <c>applicants</c> applicants, a pool of <c>experts</c> experts, <c>per</c>
/// experts drawn for each under 回避. The pool is spread over units (institutes, universities, associations) of the
/// 16 cities, four experts a unit; each applicant declares two linked units (a parent company and a consultancy), one of them
/// a pool unit for one applicant in five, and one expert in ten declares a conflict with three applicants, so 回避 removes
/// experts from every third team's candidates. What is timed is what the round's draw step computes after reading the pool:
/// the canonical inputs, the assignment (<see cref="AwardExpertDraw.Run"/>, the supervision draw's assigner) and the
/// published inputs' JSON and hash; the assignment alone beside it. Then checked: every team full, no expert of a linked unit
/// or with a declared conflict on a team, and the draw reproduced from its published JSON gives the same teams.
/// </summary>
public static class AwardDrawBench
{
    public static int Run(int applicants, int experts, int per, int runs)
    {
        string[] cities = ["340100", "340200", "340300", "340400", "340500", "340600", "340700", "340800", "341000", "341100", "341200", "341300", "341500", "341600", "341700", "341800"];
        var units = Enumerable.Range(0, (experts + 3) / 4).Select(u => $"评审单位{u:D3}").ToList();
        var pool = Enumerable.Range(0, experts).Select(i => new DrawExpert(i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), units[i / 4], cities[i % cities.Length])).ToList();
        var firms = Enumerable.Range(0, applicants).Select(i => new DrawApplicant($"91340100BENCH{i:D5}",
            [$"申报企业{i:D4}", $"母公司{i:D4}", i % 5 == 0 ? units[i % units.Count] : $"咨询机构{i % 97:D2}"])).ToList();
        var conflicts = pool.Where((_, i) => i % 10 == 0).SelectMany((e, k) => Enumerable.Range(0, 3).Select(n => (e.Id, firms[(k * 7 + n * 131) % applicants].CreditCode))).ToList();
        var seed = SHA256.HashData("Qualis.Bench award-draw"u8);

        (AwardDrawInputs Inputs, Qualis.Features.Supervision.Draws.DrawnTeams Teams, string Json, string Hash) Once()
        {
            var inputs = AwardDrawInputs.Canonical(per, pool, firms, conflicts);
            var teams = AwardExpertDraw.Run(seed, inputs);
            return (inputs, teams, inputs.ToJson(), inputs.Hash());
        }

        for (var i = 0; i < 3; i++) Once();
        var whole = new List<double>();
        var drawOnly = new List<double>();
        for (var round = 0; round < runs; round++)
        {
            var watch = Stopwatch.StartNew();
            var (inputs, _, _, _) = Once();
            whole.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            AwardExpertDraw.Run(seed, inputs);
            drawOnly.Add(watch.Elapsed.TotalMilliseconds);
        }

        var (canonical, result, json, hash) = Once();
        if (!result.IsComplete) throw new InvalidOperationException($"回避 left {result.Short.Count} applicants short.");
        var unitOf = pool.ToDictionary(e => e.Id, e => e.Unit);
        var declared = conflicts.ToHashSet();
        var linked = canonical.Applicants.ToDictionary(a => a.CreditCode, a => a.LinkedUnits.ToHashSet());
        var seats = 0;
        foreach (var team in result.Teams)
        {
            if (team.Members.Count != per) throw new InvalidOperationException($"{team.Party} has {team.Members.Count} experts, not {per}.");
            foreach (var id in team.Members)
            {
                if (linked[team.Party].Contains(unitOf[id]) || declared.Contains((id, team.Party)))
                    throw new InvalidOperationException($"Expert {id} may not judge {team.Party}.");
                seats++;
            }
        }
        var again = AwardExpertDraw.Run(seed, AwardDrawInputs.FromJson(json));
        var reproduced = again.Teams.SelectMany(t => t.Members.Select(m => (t.Party, m))).Order().SequenceEqual(result.Teams.SelectMany(t => t.Members.Select(m => (t.Party, m))).Order());
        if (!reproduced) throw new InvalidOperationException("The draw from the published inputs differs.");
        var recused = canonical.Applicants.Sum(a => pool.Count(e => a.LinkedUnits.Contains(e.Unit))) + conflicts.Count;
        var loads = result.Teams.SelectMany(t => t.Members).GroupBy(m => m).Select(g => g.Count()).ToList();

        static double Median(List<double> values) { var s = values.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            applicants, experts, per, runs, seats, recusals = recused, conflicts = conflicts.Count, reproduced, inputsBytes = json.Length, inputsHash = hash,
            loadMin = loads.Min(), loadMax = loads.Max(),
            medianMs = Median(whole), maxMs = whole.Max(), drawMedianMs = Median(drawOnly), drawMaxMs = drawOnly.Max(),
        }));
        return 0;
    }
}
