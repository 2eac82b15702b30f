namespace Qualis.Features.Supervision.SpotChecks;

// What each step of a spot check takes in. Plain settable classes: the check page binds them from its forms, the
// workflow and the rules read them, tests build them directly. Problems name the fields by these property names.

/// <summary>抽样单: the sampling record.</summary>
public sealed class SamplingForm
{
    public string? ProductName { get; set; }
    /// <summary>规格型号.</summary>
    public string? Model { get; set; }
    /// <summary>生产日期/批号.</summary>
    public string? BatchNumber { get; set; }
    public string? Trademark { get; set; }
    public string? ProductCategoryCode { get; set; }
    public DateOnly? SampledOn { get; set; }
    public string? Place { get; set; }
    /// <summary>抽样人员: names separated by 、，；, or new lines.</summary>
    public string? Samplers { get; set; }
    public Guid? AgencyId { get; set; }
}

/// <summary>One failed item (不合格项目) as entered.</summary>
public sealed class FailedItemForm
{
    public string? Item { get; set; }
    /// <summary>标准条款, e.g. "GB/T 5023.3-2008 第 5.2.3 条".</summary>
    public string? Clause { get; set; }
    public string? Required { get; set; }
    public string? Measured { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Item) && string.IsNullOrWhiteSpace(Clause)
                           && string.IsNullOrWhiteSpace(Required) && string.IsNullOrWhiteSpace(Measured);
}

/// <summary>检验结果 or 复检结果: the verdict, its date and, for a failure, the failed items.</summary>
public sealed class ResultForm
{
    public CheckResult? Outcome { get; set; }
    public DateOnly? On { get; set; }
    public List<FailedItemForm> Failures { get; set; } = [];
}

/// <summary>告知: the day the enterprise received the result.</summary>
public sealed class NotificationForm
{
    public DateOnly? ReceivedOn { get; set; }
}

/// <summary>异议: the enterprise's objection and request for a re-test (复检).</summary>
public sealed class ObjectionForm
{
    public string? Reason { get; set; }
}

/// <summary>异议处理决定.</summary>
public sealed class DecisionForm
{
    public ObjectionDecision? Decision { get; set; }
    public string? Reason { get; set; }
}

/// <summary>复查: the follow-up check after rectification.</summary>
public sealed class FollowUpForm
{
    public CheckResult? Outcome { get; set; }
    public DateOnly? On { get; set; }
}

/// <summary>The fields of a published result that a correction (更正) may change.</summary>
[TextKeys("check.field.")]
public enum CorrectableField { ProductName, Model, BatchNumber, Trademark, ResultOn, FinalResult }

/// <summary>更正: one field of a published result, its new value and why.</summary>
public sealed class CorrectionForm
{
    public CorrectableField? Field { get; set; }
    public string? Value { get; set; }
    public string? Reason { get; set; }
}
