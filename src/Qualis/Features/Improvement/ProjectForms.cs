using System.ComponentModel.DataAnnotations;
using Qualis.Features.Improvement.Tasks;

namespace Qualis.Features.Improvement;

/// <summary>A comparison indicator, as posted.</summary>
public sealed class IndicatorForm
{
    [Display(Name = "improvement.indicator.name"), StringLength(100)]
    public string? Name { get; set; }
    [Display(Name = "improvement.indicator.unit"), StringLength(32)]
    public string? Unit { get; set; }
    [Display(Name = "improvement.indicator.direction")]
    public bool HigherIsBetter { get; set; } = true;
    [Display(Name = "improvement.indicator.benchmark_kind")]
    public BenchmarkKind BenchmarkKind { get; set; } = BenchmarkKind.NationalStandard;
    [Display(Name = "improvement.indicator.benchmark_name"), StringLength(ImprovementProject.NameLength)]
    public string? BenchmarkName { get; set; }
}

/// <summary>One year's values of an indicator, as posted: typed as text so a wrong value is named on its field.</summary>
public sealed class ValueForm
{
    [Display(Name = "improvement.indicator")]
    public Guid? IndicatorId { get; set; }
    [Display(Name = "improvement.year")]
    public int? Year { get; set; }
    [Display(Name = "improvement.value"), StringLength(32)]
    public string? Value { get; set; }
    [Display(Name = "improvement.benchmark_value"), StringLength(32)]
    public string? Benchmark { get; set; }
}

/// <summary>A consultation, as posted.</summary>
public sealed class ConsultationForm
{
    [Display(Name = "improvement.consultation.held_on")]
    public DateOnly? HeldOn { get; set; }
    [Display(Name = "improvement.consultation.experts")]
    public List<Guid> ExpertIds { get; set; } = [];
    [Display(Name = "improvement.consultation.departments"), StringLength(500)]
    public string? Departments { get; set; }
    [Display(Name = "improvement.consultation.enterprise"), StringLength(500)]
    public string? EnterpriseAttendees { get; set; }
    [Display(Name = "improvement.consultation.summary"), StringLength(ImprovementProject.TextLength)]
    public string? Summary { get; set; }
}

/// <summary>A problem found, as posted.</summary>
public sealed class ProblemForm
{
    [Display(Name = "improvement.problem.consultation")]
    public Guid? ConsultationId { get; set; }
    [Display(Name = "improvement.problem.category")]
    public ProblemCategory? Category { get; set; }
    [Display(Name = "improvement.problem.rank"), Range(1, 99)]
    public int? Rank { get; set; }
    [Display(Name = "improvement.problem.description"), StringLength(ImprovementProject.ShortTextLength)]
    public string? Description { get; set; }
}

/// <summary>A prescribed measure, as posted.</summary>
public sealed class MeasureForm
{
    [Display(Name = "improvement.measure.problem")]
    public Guid? ProblemId { get; set; }
    [Display(Name = "improvement.measure.text"), StringLength(ImprovementProject.ShortTextLength)]
    public string? Text { get; set; }
    [Display(Name = "improvement.measure.actor"), StringLength(200)]
    public string? Actor { get; set; }
    [Display(Name = "improvement.measure.due_on")]
    public DateOnly? DueOn { get; set; }
}

/// <summary>A tackling task, as posted.</summary>
public sealed class TaskForm
{
    [Display(Name = "improvement.task.title"), StringLength(ImprovementTask.TitleLength)]
    public string? Title { get; set; }
    [Display(Name = "improvement.task.measure")]
    public Guid? MeasureId { get; set; }
    [Display(Name = "improvement.task.owner_kind")]
    public TaskOwnerKind OwnerKind { get; set; } = TaskOwnerKind.Office;
    [Display(Name = "improvement.task.owner"), StringLength(ImprovementTask.TitleLength)]
    public string? OwnerName { get; set; }
    [Display(Name = "improvement.task.owner_account"), StringLength(64)]
    public string? OwnerUserName { get; set; }
    [Display(Name = "improvement.task.deadline")]
    public DateOnly? Deadline { get; set; }
}

/// <summary>The outcome, as posted.</summary>
public sealed class FinishForm
{
    [Display(Name = "improvement.result"), StringLength(ImprovementProject.TextLength)]
    public string? Result { get; set; }
    [Display(Name = "improvement.finished_on")]
    public DateOnly? On { get; set; }
}
