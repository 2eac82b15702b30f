using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Qualis.Platform.ApiKeys;
using Scalar.AspNetCore;
using System.Text.Json.Serialization.Metadata;

namespace Qualis.Platform.Web;

/// <summary>
/// The partner API's contract (协作部门接口文档), /openapi/v1.json: what a partner's generator needs to build a working
/// client. The X-Api-Key scheme on every operation that needs a key; the problem responses (400, 401, 403, 404, 429) the
/// pipeline really gives; page limits and <c>updatedSince</c> documented on their parameters; enums as strings with their
/// values (the API writes them so); numbers as numbers (strict number handling, no "integer or string"); instants as
/// strings. The reference page for people is /api/reference. Operation summaries and descriptions are written beside
/// each endpoint (WithSummary/WithDescription); a test checks every operation has them.
/// </summary>
public static partial class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/reference";
    public const string SecuritySchemeName = "ApiKey";
    public const string ProblemSchema = "ProblemDetails";

    /// <summary>Page sizes of every list: 1 to 500 items, 50 unless asked; a larger size is served as 500.</summary>
    public const int MaxPageSize = 500;

    public static void AddQualisApiDocument(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            // Numbers are written as numbers and read only as numbers: the document then types them as such.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver())
                .WithAddedModifier(JsonNamesAsDeclaredAttribute.Apply);
        });
        // A query value the endpoint cannot read throws, so BadQueryValue can answer a problem naming the parameter
        // (without this a bad value gave an empty 400, or in Development a 500 page).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(DescribeDocument);
            o.AddOperationTransformer(DescribeOperation);
            o.AddSchemaTransformer(DescribeSchema);
        });
    }

    private static Task DescribeDocument(OpenApiDocument doc, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        doc.Info = new OpenApiInfo
        {
            Title = "Qualis partner API (协作部门接口)",
            Version = "v1",
            Description =
                "Read access for partner departments' systems (省农委、住建厅、商务厅、海关 …) to the registry, the supervision " +
                "records and the audit trail of the area their key was issued for. Send the key in the `X-Api-Key` header. " +
                "Lists are paged (`page` from 1, `pageSize` 1–500) and accept `updatedSince` for incremental synchronisation. " +
                "Errors are problem details (RFC 9457). Times are ISO 8601 with the display zone's offset (China time, +08:00).\n\n" +
                "协作部门系统以 `X-Api-Key` 请求头携带密钥，只读本密钥所属地区的数据；列表分页（每页 1–500 条），可用 `updatedSince` 增量同步。",
        };
        doc.Components ??= new OpenApiComponents();
        doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        doc.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHandler.Header,
            Description = "The key issued to the partner system by a provincial administrator (系统管理 → 接口密钥). It carries the API scopes and the region it may read.",
        };
        doc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        doc.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An error (RFC 9457 problem details). A refused query value names the parameter in `errors`.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, doc)] = [] };
        foreach (var (_, path) in doc.Paths)
            foreach (var (_, operation) in path.Operations ?? [])
            {
                operation.Responses ??= new OpenApiResponses();
                foreach (var (status, text) in Problems)
                {
                    // The endpoint's own description of a status (the enterprise list's validation problem) stands.
                    if (operation.Responses.ContainsKey(status) && operation.Responses[status].Content is { Count: > 0 }) continue;
                    operation.Responses[status] = new OpenApiResponse
                    {
                        Description = text,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, doc) },
                        },
                    };
                }
                operation.Security = [requirement];
            }
        return Task.CompletedTask;
    }

    /// <summary>The problems every API operation can answer (the area filter makes a record outside the key's area a 404).</summary>
    private static readonly (string Status, string Text)[] Problems =
    [
        ("400", "A query value cannot be read (the parameter is named in `errors`) or a filter is refused. 参数无效。"),
        ("401", "The X-Api-Key header is missing, or the key is unknown or revoked. 密钥缺失、无效或已停用。"),
        ("403", "The key is not granted the scope this operation needs. 密钥未授予该接口权限。"),
        ("404", "No such record in the key's area. 本地区无此记录。"),
        ("429", "Too many calls this minute; retry after the Retry-After header's seconds. 调用过于频繁。"),
    ];

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Schema is not OpenApiSchema schema) continue;
            switch (parameter.Name)
            {
                case "page":
                    parameter.Description = "The page, from 1 (页码).";
                    schema.Minimum = "1";
                    break;
                case "pageSize":
                    parameter.Description = $"Items a page, 1 to {MaxPageSize} (每页条数); a larger size is served as {MaxPageSize}.";
                    schema.Minimum = "1";
                    schema.Maximum = MaxPageSize.ToString(CultureInfo.InvariantCulture);
                    break;
                case "updatedSince":
                    parameter.Description = "Only records changed at or after this instant (增量同步), ISO 8601 with an offset or Z, " +
                                            "e.g. 2026-12-01T00:00:00+08:00. Keep the time of your last call and send it next time.";
                    schema.Type = JsonSchemaType.String;
                    schema.Format = "date-time";
                    schema.Pattern = null;
                    break;
            }
        }
        return Task.CompletedTask;
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        // Instants go out through DisplayTimeJsonConverter, which the generator cannot see into: they are strings.
        if (Nullable.GetUnderlyingType(type) is { } inner ? inner == typeof(DateTime) : type == typeof(DateTime))
        {
            schema.Type = type == typeof(DateTime) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }
        // Enums are written by name (JsonStringEnumConverter): a string of their names. A null a nullable parameter
        // allows is its absence, not a value.
        if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = Enum.GetNames(enumType).Select(n => (JsonNode)JsonValue.Create(n)).ToList();
        }
        // A name kept as text (a row projected in the database) says which enum's names it carries.
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(ApiValuesAttribute), false) is [ApiValuesAttribute values, ..])
        {
            schema.Enum = Enum.GetNames(values.EnumType).Select(n => (JsonNode)JsonValue.Create(n)).ToList();
            if (schema.Type?.HasFlag(JsonSchemaType.Null) == true) schema.Enum.Add(null!);
        }
        return Task.CompletedTask;
    }

    /// <summary>The API reference for partners' developers (Scalar), anonymous, beside the document it reads.</summary>
    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o =>
        {
            o.WithTitle("Qualis partner API (协作部门接口)");
            o.WithOpenApiRoutePattern("/openapi/{documentName}.json");
            o.AddPreferredSecuritySchemes(SecuritySchemeName);
            // Nothing from or to Scalar's servers (a county network may reach nothing outside, and the page is ours): no
            // fonts, no telemetry, no AI agent or MCP button, no developer-tools bar with its deploy and SDK offers.
            o.DisableDefaultFonts();
            o.DisableTelemetry();
            o.DisableAgent();
            o.DisableMcp();
            o.HideDeveloperTools();
        }).AllowAnonymous();
    }

    /// <summary>On the API's branch of the pipeline, before the error page could take the exception.</summary>
    public static IApplicationBuilder UseBadQueryValues(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException bad) when (!http.Response.HasStarted)
        {
            await BadQueryValue.WriteAsync(http, bad);
        }
    });

    /// <summary>The reference page runs Scalar's script and styles, which the strict policy of the other pages would refuse.</summary>
    public static bool IsReference(HttpContext http) => http.Request.Path.StartsWithSegments(ReferencePath);

    /// <summary>
    /// A query or route value the endpoint cannot read (page=abc, status=drawn, updatedSince=yesterday) answers 400 problem
    /// details naming the parameter and what it expects, with the parameter in <c>errors</c> as validation problems have it.
    /// </summary>
    internal static partial class BadQueryValue
    {
        internal static async Task WriteAsync(HttpContext http, BadHttpRequestException bad)
        {
            var name = ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups[1].Value : null;
            var parameter = name is null ? null
                : http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name);
            var value = name is null ? null : (string?)http.Request.Query[name] ?? http.GetRouteValue(name)?.ToString();
            var detail = name is null ? bad.Message
                : $"The value \"{value}\" of \"{name}\" cannot be read: expected {Expected(parameter?.ParameterType)}.";
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = bad.StatusCode, Title = "Invalid query value (参数无效)", Detail = detail, Instance = http.Request.Path,
            };
            if (name is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [name] = [detail] };
            http.Response.Clear();
            http.Response.StatusCode = bad.StatusCode;
            await http.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json");
        }

        private static string Expected(Type? type)
        {
            type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
            if (type is null) return "a value of the documented type";
            if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type));
            if (type == typeof(int) || type == typeof(long)) return "a whole number";
            if (type == typeof(bool)) return "true or false";
            if (type == typeof(Guid)) return "a UUID";
            if (type == typeof(DateOnly)) return "a date, yyyy-MM-dd";
            if (type == typeof(ApiInstant)) return "an ISO 8601 instant with an offset or Z, e.g. 2026-12-01T00:00:00+08:00";
            return "a value of the documented type";
        }

        // Failed to bind parameter "Nullable<int> page" from "abc".  /  Required parameter "string code" was not provided …
        [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(\\w+)\"")]
        private static partial Regex ParameterName();
    }
}

/// <summary>
/// A type the API writes with its properties named as declared (the stored and published form, e.g. a batch's rules),
/// not in camelCase: the document, generated from the same options, says so too.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class JsonNamesAsDeclaredAttribute : Attribute
{
    internal static void Apply(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        if (info.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object || info.Type.GetCustomAttribute<JsonNamesAsDeclaredAttribute>() is null) return;
        foreach (var property in info.Properties)
            if (property.AttributeProvider is MemberInfo member && member.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
                property.Name = member.Name;
    }
}

/// <summary>A string property that carries the names of an enum (a row projected in the database): the document lists them.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ApiValuesAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;
}

/// <summary>
/// An instant in a query (e.g. <c>updatedSince</c>): ISO 8601 with an offset or Z, read as UTC. A value without an offset
/// is refused rather than guessed at (a partner's clock zone is not the platform's to assume).
/// </summary>
public readonly partial record struct ApiInstant(DateTime Utc)
{
    public static bool TryParse(string? text, IFormatProvider? provider, out ApiInstant result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        // An unencoded + in a query string arrives as a space: 2026-12-01T00:00:00 08:00.
        text = text.Trim().Replace(' ', '+');
        if (!Offset().IsMatch(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        result = new ApiInstant(parsed.UtcDateTime);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex Offset();
}
