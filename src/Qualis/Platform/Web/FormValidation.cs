using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Qualis.Platform.Web;

/// <summary>
/// The forms' shared validation: every message the framework or an annotation gives comes from the texts in the user's
/// language, with the field's name from the texts (its [Display(Name = key)]); every text field refuses control
/// characters and over-long text (<see cref="TextRule"/>); an empty field bound to a non-nullable string stays "" rather
/// than null, so a form posted empty is answered with messages, never with a NullReferenceException.
/// </summary>
public static class FormValidation
{
    public static void Configure(MvcOptions o, IStringLocalizer l)
    {
        // A non-nullable string says "never null", not "required": what a form requires its annotations say, with our texts.
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        o.ModelMetadataDetailsProviders.Add(new EmptyStringsStayEmpty());
        o.ModelMetadataDetailsProviders.Add(new AnnotationMessageKeys());
        o.ModelValidatorProviders.Add(new TextRuleValidatorProvider(l));

        var m = o.ModelBindingMessageProvider;
        string Field(string? name) => string.IsNullOrEmpty(name) ? l["validation.this_field"] : name;
        string Value(string? v) => TextRule.Shorten(v ?? "");
        m.SetValueMustNotBeNullAccessor(f => l["validation.required", Field(f)]);
        m.SetMissingBindRequiredValueAccessor(f => l["validation.required", Field(f)]);
        m.SetMissingKeyOrValueAccessor(() => l["validation.required", Field(null)]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["validation.required", Field(null)]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => l["validation.invalid_value", Value(v), Field(f)]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["validation.invalid_value", Value(v), Field(null)]);
        m.SetUnknownValueIsInvalidAccessor(f => l["validation.invalid", Field(f)]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["validation.invalid", Field(null)]);
        m.SetValueIsInvalidAccessor(v => l["validation.invalid_value", Value(v), Field(null)]);
        m.SetValueMustBeANumberAccessor(f => l["validation.number", Field(f)]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["validation.number", Field(null)]);
    }

    /// <summary>"" for a non-nullable string property left empty (the framework's default turns it into null).</summary>
    private sealed class EmptyStringsStayEmpty : IDisplayMetadataProvider
    {
        public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
        {
            if (context.Key is { MetadataKind: ModelMetadataKind.Property, ModelType: var t, ContainerType: { } container, Name: { } name } && t == typeof(string)
                && container.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } property
                && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.NotNull)
                context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }

    /// <summary>Gives each annotation without its own message the texts key of its kind, so it is looked up like any other.</summary>
    private sealed class AnnotationMessageKeys : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
            {
                if (!string.IsNullOrEmpty(attribute.ErrorMessage) || attribute.ErrorMessageResourceType is not null) continue;
                attribute.ErrorMessage = MessageKey(attribute);
            }
        }
    }

    /// <summary>The texts key of an annotation's message; its arguments are the field's name and the annotation's own (max, min).</summary>
    public static string MessageKey(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "validation.required",
        StringLengthAttribute { MinimumLength: > 0 } => "validation.length_range",
        StringLengthAttribute or MaxLengthAttribute => "validation.max_length",
        RangeAttribute => "validation.range",
        _ => "validation.invalid",
    };
}

/// <summary>
/// One rule for every text a form takes in, whatever the page: no control characters (tabs and line breaks aside) and
/// no bidirectional overrides (which make "txt.exe" read as "exe.txt"), and no more than <see cref="DefaultMaxLength"/>
/// characters where the field does not set its own limit.
/// </summary>
public static class TextRule
{
    public const int DefaultMaxLength = 2000;

    public static bool HasControlCharacters(string text)
    {
        foreach (var c in text)
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069' || c is '\u200E' or '\u200F')
                return true;
        return false;
    }

    /// <summary>A posted value quoted in a message: without its control characters and at most a few words long.</summary>
    public static string Shorten(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c) && c is not (>= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')).ToArray());
        return clean.Length > 24 ? clean[..24] + "…" : clean;
    }
}

internal sealed class TextRuleValidatorProvider(IStringLocalizer l) : IModelValidatorProvider
{
    public void CreateValidators(ModelValidatorProviderContext context)
    {
        if (context.ModelMetadata.ModelType != typeof(string)) return;
        var ownLimit = context.Results.Any(r => r.ValidatorMetadata is StringLengthAttribute or MaxLengthAttribute);
        context.Results.Add(new ValidatorItem { Validator = new Validator(l, ownLimit ? null : TextRule.DefaultMaxLength), IsReusable = true });
    }

    private sealed class Validator(IStringLocalizer l, int? maxLength) : IModelValidator
    {
        public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context)
        {
            if (context.Model is not string text) return [];
            // A name of its own ([Display]) or, for a list's element or a dictionary's value, "this field".
            var field = context.ModelMetadata.DisplayName is { Length: > 0 } name ? name : l["validation.this_field"].Value;
            if (TextRule.HasControlCharacters(text)) return [new ModelValidationResult("", l["validation.control_characters", field])];
            if (maxLength is { } max && text.Length > max) return [new ModelValidationResult("", l["validation.max_length", field, max])];
            return [];
        }
    }
}
