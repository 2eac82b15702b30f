namespace Qualis.Features.Services.Questionnaires;

/// <summary>
/// The standard question set of the service-needs questionnaire (企业质量技术服务需求调查问卷), after the provinces'
/// samples: for each area of quality infrastructure what the firm has and what help it needs, and one open question.
/// A new questionnaire may start from it; the province then adds its own questions.
/// </summary>
public static class QuestionnaireTemplate
{
    public sealed record Item(ServiceArea Area, QuestionKind Kind, string Text, string[] Options, bool Required = true);

    public static readonly Item[] Standard =
    [
        new(ServiceArea.Standards, QuestionKind.Single, "贵企业执行的产品标准情况", ["执行国家标准或行业标准", "执行地方标准或团体标准", "执行企业标准并已自我声明公开", "尚未明确执行标准"]),
        new(ServiceArea.Standards, QuestionKind.Multiple, "在标准方面需要哪些服务", ["标准查询与解读", "企业标准制修订指导", "参与团体标准、行业标准制定", "标准化良好行为创建", "暂无需求"]),
        new(ServiceArea.Metrology, QuestionKind.Multiple, "在计量方面需要哪些服务", ["计量器具检定校准", "测量管理体系建设", "能源计量指导", "计量技术人员培训", "暂无需求"]),
        new(ServiceArea.Certification, QuestionKind.Single, "贵企业获得的管理体系认证情况", ["已获 ISO 9001 等管理体系认证", "正在申请认证", "尚未认证"]),
        new(ServiceArea.Certification, QuestionKind.Multiple, "在认证认可方面需要哪些服务", ["质量管理体系认证辅导", "产品认证（CCC、自愿性认证）指导", "绿色产品、有机产品认证", "暂无需求"]),
        new(ServiceArea.Testing, QuestionKind.Multiple, "在检验检测方面需要哪些服务", ["产品委托检验", "原材料检测", "实验室建设指导", "检测设备共享", "暂无需求"]),
        new(ServiceArea.Brand, QuestionKind.Multiple, "在品牌建设方面需要哪些服务", ["商标注册与保护", "品牌培育与宣传", "申报名牌、地理标志产品", "暂无需求"]),
        new(ServiceArea.Management, QuestionKind.Single, "贵企业质量管理最突出的问题", ["质量管理制度不健全", "质量管理人才缺乏", "生产过程质量控制薄弱", "产品质量不稳定", "售后质量问题多"]),
        new(ServiceArea.Management, QuestionKind.Multiple, "在质量管理方面需要哪些服务", ["首席质量官、质量管理人员培训", "先进质量管理方法导入", "质量问题诊断（质量诊所）", "质量攻关技术支持", "暂无需求"]),
        new(ServiceArea.Management, QuestionKind.Text, "其他意见和建议", [], Required: false),
    ];

    /// <summary>The standard questions for a new questionnaire, numbered from 1.</summary>
    public static IEnumerable<QuestionnaireQuestion> For(Guid questionnaireId) => Standard.Select((q, i) => new QuestionnaireQuestion
    {
        QuestionnaireId = questionnaireId, Number = i + 1, Area = q.Area, Kind = q.Kind, Text = q.Text, Options = string.Join('\n', q.Options), Required = q.Required,
    });
}
