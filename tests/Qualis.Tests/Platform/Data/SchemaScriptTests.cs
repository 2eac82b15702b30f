namespace Qualis.Tests.Platform.Data;

/// <summary>The SQL scripts and the EF model describe the same schema, on both providers: they can never drift apart.</summary>
public sealed class SchemaScriptTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_scripts_build_exactly_the_schema_of_the_model(DatabaseProvider provider)
    {
        using var fromScripts = await ScratchDb.CreateAsync(provider);
        using var fromModel = await ScratchDb.CreateAsync(provider, migrate: false);
        await using (var db = fromModel.Open())
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());

        await using var a = fromScripts.Open();
        await using var b = fromModel.Open();
        var scripts = await SchemaSnapshot.ReadAsync(a);
        var model = await SchemaSnapshot.ReadAsync(b);

        scripts.ShouldNotBeEmpty();
        var onlyInScripts = scripts.Except(model).ToList();
        var onlyInModel = model.Except(scripts).ToList();
        (onlyInScripts.Count + onlyInModel.Count).ShouldBe(0,
            $"The {provider} scripts and the model differ.\nOnly in the scripts:\n  {string.Join("\n  ", onlyInScripts)}\nOnly in the model:\n  {string.Join("\n  ", onlyInModel)}");
    }

    [Fact]
    public void Both_providers_have_the_same_scripts_and_each_is_named_by_time_module_and_what()
    {
        // Reading the scripts refuses a name outside the scheme (see MigrationTests).
        var sqlite = SchemaMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name).ToList();
        var postgres = SchemaMigrator.Scripts(DatabaseProvider.Postgres).Select(s => s.Name).ToList();
        sqlite.ShouldNotBeEmpty();
        sqlite.ShouldBe(postgres);
    }
}
