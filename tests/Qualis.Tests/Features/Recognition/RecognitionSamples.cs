using Qualis.Features.Recognition;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Recognition;

/// <summary>A city-level people demonstration applied for in a city (the city answers for it), for the access matrix, the audit-region test and the form and concurrency matrices.</summary>
public sealed class RecognitionSamples : IRecordSampleMakers
{
    public static Qualis.Features.Recognition.Recognition New(string regionCode, string regionPath, string name, int year = 2025,
        RecognitionStatus status = RecognitionStatus.Applied) => new()
    {
        ProgrammeCode = ProgrammeCatalog.People, Family = ProgrammeFamily.Demonstration, Level = RecognitionLevel.City, Year = year,
        HolderKind = HolderKind.Person, HolderName = name, Status = status, OfficeCode = RecognitionRules.OfficeOf(RecognitionLevel.City, regionPath),
        RegionCode = regionCode, RegionPath = regionPath, CreatedAt = DateTime.UtcNow, CreatedBy = "province",
    };

    /// <summary>The recognition the audit-region test's evidence hangs under (Recognition sorts before RecognitionEvidence).</summary>
    private static readonly Guid AuditRecognition = Guid.Parse("0190a000-0000-7000-8000-00000000c001");

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(Qualis.Features.Recognition.Recognition)] = (code, path) =>
        {
            var r = New(code, path, "审计测试人物" + Guid.NewGuid().ToString("N")[..6]);
            r.Id = AuditRecognition;
            return r;
        },
        [typeof(RecognitionEvidence)] = (_, _) => new RecognitionEvidence
            { RecognitionId = AuditRecognition, FileName = "a.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), StoredPath = "x", UploadedAt = DateTime.UtcNow },
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(Qualis.Features.Recognition.Recognition)] = async (app, city, marker) =>
        {
            Qualis.Features.Recognition.Recognition? r = null;
            await RecordSamples.AddInCityAsync(app, city, path => r = New(city, path, marker));
            return new(new() { ["id"] = r!.Id.ToString() }, marker);
        },
    };
}
