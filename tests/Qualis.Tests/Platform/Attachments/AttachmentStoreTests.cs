using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Qualis.Platform.Attachments;

namespace Qualis.Tests.Platform.Attachments;

/// <summary>The evidence-file store any module attaches files with: kept by content, hashed, all or nothing.</summary>
public sealed class AttachmentStoreTests : IDisposable
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    private static readonly byte[] Pdf = "%PDF-1.7 抽样单"u8.ToArray();
    private readonly string _folder = Directory.CreateTempSubdirectory("qualis-attachments-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private AttachmentStore Store() => new(new AttachmentSettings(_folder));

    private static IncomingFile File(string name, byte[] content) => new(name, content.Length, () => new MemoryStream(content));

    private string[] Stored(Guid owner) => Directory.Exists(Path.Combine(_folder, owner.ToString("N"))) ? Directory.GetFiles(Path.Combine(_folder, owner.ToString("N"))) : [];

    [Fact]
    public async Task Files_are_kept_under_their_record_with_the_type_their_bytes_show_and_their_hash()
    {
        var owner = Guid.CreateVersion7();
        var saved = await Store().SaveAsync(owner, [File("现场/照片.JPG", Jpeg), File("抽样单.pdf", Pdf)], 1024, CancellationToken.None);

        saved.Select(f => (f.FileName, f.ContentType, f.Bytes, f.Sha256)).ShouldBe(
        [
            ("照片.JPG", "image/jpeg", Jpeg.Length, Convert.ToHexStringLower(SHA256.HashData(Jpeg))),
            ("抽样单.pdf", "application/pdf", Pdf.Length, Convert.ToHexStringLower(SHA256.HashData(Pdf))),
        ]);
        saved[1].StoredPath.ShouldBe(Path.Combine(owner.ToString("N"), saved[1].Id.ToString("N") + ".pdf"));
        await using (var content = Store().OpenRead(saved[1].StoredPath)!)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            copy.ToArray().ShouldBe(Pdf);
        }
        Store().Delete(saved.Select(f => f.StoredPath));
        Store().OpenRead(saved[0].StoredPath).ShouldBeNull();
    }

    [Theory]
    [InlineData("抽样单.pdf", "jpeg", AttachmentProblem.NotWhatItsNameSays)]
    [InlineData("脚本.html", "pdf", AttachmentProblem.NotWhatItsNameSays)]
    [InlineData("空白.pdf", "empty", AttachmentProblem.Empty)]
    [InlineData("大图.jpg", "large", AttachmentProblem.TooLarge)]
    public async Task A_refused_file_refuses_the_whole_upload_and_leaves_nothing_behind(string name, string content, AttachmentProblem problem)
    {
        var owner = Guid.CreateVersion7();
        var bytes = content switch { "jpeg" => Jpeg, "pdf" => Pdf, "empty" => [], _ => [.. Jpeg, .. new byte[2048]] };
        var refused = await Should.ThrowAsync<AttachmentRefusedException>(() =>
            Store().SaveAsync(owner, [File("照片.jpg", Jpeg), File(name, bytes)], 1024, CancellationToken.None));
        (refused.FileName, refused.Problem).ShouldBe((name, problem));
        Stored(owner).ShouldBeEmpty();
    }

    [Fact]
    public void A_stored_path_that_climbs_out_of_the_folder_is_refused() =>
        Should.Throw<InvalidOperationException>(() => Store().OpenRead(Path.Combine("..", "secrets.pdf")));

    [Theory]
    [InlineData("/srv/evidence", null, "/srv/evidence")]
    [InlineData(null, "/srv/old-name", "/srv/old-name")]
    [InlineData("/srv/evidence", "/srv/old-name", "/srv/evidence")]
    [InlineData(null, null, "/app/data/attachments")]
    public void The_folder_setting_is_read_under_its_name_and_its_former_one(string? folder, string? formerSetting, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Attachments:Folder"] = folder, ["Supervision:AttachmentFolder"] = formerSetting,
        }).Build();
        AttachmentSettings.From(config, "/app").Folder.ShouldBe(expected);
    }
}
