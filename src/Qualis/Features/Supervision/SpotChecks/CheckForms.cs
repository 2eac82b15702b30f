using System.ComponentModel.DataAnnotations;
namespace Qualis.Features.Supervision.SpotChecks;

// What each step of a spot check takes in. Plain settable classes: the check page binds them from its forms, the
// workflow and the rules read them, tests build them directly. Problems name the fields by these property names.

/// <summary>抽样单: the sampling record.</summary>
public sealed class SamplingForm
{
    [Display(Name = "check.product_name")]
    public string? ProductName { get; set; }
    /// <summary>规格型号.</summary>
    [Display(Name = "check.model")]
    public string? Model { get; set; }
    /// <summary>生产日期/批号.</summary>
    [Display(Name = "check.batch")]
    public string? BatchNumber { get; set; }
    [Display(Name = "check.trademark")]
    public string? Trademark { get; set; }
    [Display(Name = "check.category")]
    public string? ProductCategoryCode { get; set; }
    [Display(Name = "check.sampled_on")]
    public DateOnly? SampledOn { get; set; }
    [Display(Name = "check.place")]
    public string? Place { get; set; }
    /// <summary>抽样人员: names separated by 、，；, or new lines.</summary>
    [Display(Name = "check.samplers")]
    public string? Samplers { get; set; }
    [Display(Name = "check.agency")]
    public Guid? AgencyId { get; set; }
}

/// <summary>检查人员替换: who leaves the team (none to fill a vacancy), who comes in, and why.</summary>
public sealed class SubstitutionForm
{
    [Display(Name = "check.substitution.out")]
    public Guid? Out { get; set; }
    [Display(Name = "check.substitution.in")]
    public Guid? In { get; set; }
    [Display(Name = "check.substitution.reason")]
    public string? Reason { get; set; }
}

/// <summary>One failed item (不合格项目) as entered.</summary>
public sealed class FailedItemForm
{
    [Display(Name = "check.failure.item")]
    public string? Item { get; set; }
    /// <summary>标准条款, e.g. "GB/T 5023.3-2008 第 5.2.3 条".</summary>
    [Display(Name = "check.failure.clause")]
    public string? Clause { get; set; }
    [Display(Name = "check.failure.required")]
    public string? Required { get; set; }
    [Display(Name = "check.failure.measured")]
    public string? Measured { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Item) && string.IsNullOrWhiteSpace(Clause)
                           && string.IsNullOrWhiteSpace(Required) && string.IsNullOrWhiteSpace(Measured);
}

/// <summary>检验结果 or 复检结果: the verdict, its date and, for a failure, the failed items.</summary>
public sealed class ResultForm
{
    [Display(Name = "check.result")]
    public CheckResult? Outcome { get; set; }
    [Display(Name = "check.result_on")]
    public DateOnly? On { get; set; }
    [Display(Name = "check.failures")]
    public List<FailedItemForm> Failures { get; set; } = [];
}

/// <summary>告知: the day the enterprise received the result.</summary>
public sealed class NotificationForm
{
    [Display(Name = "check.notified_on")]
    public DateOnly? ReceivedOn { get; set; }
}

/// <summary>异议: the enterprise's objection and request for a re-test (复检).</summary>
public sealed class ObjectionForm
{
    [Display(Name = "check.objection_reason")]
    public string? Reason { get; set; }
}

/// <summary>异议处理决定.</summary>
public sealed class DecisionForm
{
    [Display(Name = "check.decision")]
    public ObjectionDecision? Decision { get; set; }
    [Display(Name = "check.decision_reason")]
    public string? Reason { get; set; }
}

/// <summary>复查: the follow-up check after rectification.</summary>
public sealed class FollowUpForm
{
    [Display(Name = "check.follow_up_result")]
    public CheckResult? Outcome { get; set; }
    [Display(Name = "check.follow_up_on")]
    public DateOnly? On { get; set; }
}

/// <summary>The fields of a published result that a correction (更正) may change.</summary>
[TextKeys("check.field.")]
public enum CorrectableField { ProductName, Model, BatchNumber, Trademark, ResultOn, FinalResult }

/// <summary>更正: one field of a published result, its new value and why.</summary>
public sealed class CorrectionForm
{
    [Display(Name = "check.correction.field")]
    public CorrectableField? Field { get; set; }
    [Display(Name = "check.correction.after")]
    public string? Value { get; set; }
    [Display(Name = "check.correction.reason")]
    public string? Reason { get; set; }
}
