"""The svco namespace as an rdflib ``DefinedNamespace``: a misspelt term fails at import, not at run time.

>>> from svco.namespace import SVC
>>> SVC.DesignAndTransition
rdflib.term.URIRef('https://w3id.org/svco#DesignAndTransition')

Flows and practice contributions are not listed (there are many and their names are derived); use
``SVC["Flow_..."]``, which ``_fail`` would refuse, through :data:`SVC_FLOWS` instead. A test keeps this list
equal to the ontology's.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class SVC(DefinedNamespace):
    """Terms of https://w3id.org/svco# (vocabulary and reference content, flows excepted)."""

    _NS = Namespace("https://w3id.org/svco#")
    _fail = True

    # Classes
    ArtifactType: URIRef
    BroadcastFlow: URIRef
    ContributionLevel: URIRef
    Consumer: URIRef
    Demand: URIRef
    ExternalParty: URIRef
    Flow: URIRef
    GeneralManagementPractice: URIRef
    NewServiceValueStream: URIRef
    Organization: URIRef
    Outcome: URIRef
    Performer: URIRef
    Practice: URIRef
    PracticeContribution: URIRef
    Role: URIRef
    ServiceManagementPractice: URIRef
    Stakeholder: URIRef
    Team: URIRef
    TechnicalManagementPractice: URIRef
    ValueChainActivity: URIRef
    Service: URIRef
    ServiceValueSystem: URIRef
    SVSComponent: URIRef
    Dimension: URIRef
    ValueStream: URIRef
    ValueStreamStep: URIRef

    # Properties
    activity: URIRef
    bringsArtifact: URIRef
    carries: URIRef
    chieflyProduces: URIRef
    consumes: URIRef
    contributesTo: URIRef
    contributionLevel: URIRef
    externalParty: URIRef
    focus: URIRef
    fromActivity: URIRef
    hasContribution: URIRef
    hasPerformer: URIRef
    hasStakeholder: URIRef
    hasStep: URIRef
    keyDecision: URIRef
    keyObjective: URIRef
    outcome: URIRef
    performedBy: URIRef
    position: URIRef
    processTime: URIRef
    processTimeMinutes: URIRef
    produces: URIRef
    purpose: URIRef
    runsValueStream: URIRef
    seedStatement: URIRef
    servesConsumer: URIRef
    signalWord: URIRef
    supportsActivity: URIRef
    toActivity: URIRef
    trigger: URIRef
    usesPractice: URIRef
    waitTime: URIRef
    deliversService: URIRef
    hasComponent: URIRef
    waitTimeMinutes: URIRef

    # The six value chain activities
    DeliverAndSupport: URIRef
    DesignAndTransition: URIRef
    Engage: URIRef
    Improve: URIRef
    ObtainBuild: URIRef
    Plan: URIRef

    # The two contribution levels
    KeyContribution: URIRef
    SupportingContribution: URIRef

    # The 34 practices
    ArchitectureManagement: URIRef
    AvailabilityManagement: URIRef
    BusinessAnalysis: URIRef
    CapacityAndPerformanceManagement: URIRef
    ChangeEnablement: URIRef
    ContinualImprovement: URIRef
    DeploymentManagement: URIRef
    ITAssetManagement: URIRef
    IncidentManagement: URIRef
    InformationSecurityManagement: URIRef
    InfrastructureAndPlatformManagement: URIRef
    KnowledgeManagement: URIRef
    MeasurementAndReporting: URIRef
    MonitoringAndEventManagement: URIRef
    OrganizationalChangeManagement: URIRef
    PortfolioManagement: URIRef
    ProblemManagement: URIRef
    ProjectManagement: URIRef
    RelationshipManagement: URIRef
    ReleaseManagement: URIRef
    RiskManagement: URIRef
    ServiceCatalogueManagement: URIRef
    ServiceConfigurationManagement: URIRef
    ServiceContinuityManagement: URIRef
    ServiceDesign: URIRef
    ServiceDesk: URIRef
    ServiceFinancialManagement: URIRef
    ServiceLevelManagement: URIRef
    ServiceRequestManagement: URIRef
    ServiceValidationAndTesting: URIRef
    SoftwareDevelopmentAndManagement: URIRef
    StrategyManagement: URIRef
    SupplierManagement: URIRef
    WorkforceAndTalentManagement: URIRef

    # Artifact types
    ArchitecturesAndPolicies: URIRef
    ChangeOrProjectInitiationRequests: URIRef
    ContractAndAgreementRequirements: URIRef
    ContractsAndAgreements: URIRef
    DemandAndOpportunities: URIRef
    HighLevelDemandData: URIRef
    ImprovementInitiatives: URIRef
    ImprovementOpportunities: URIRef
    ImprovementStatusReports: URIRef
    NewAndChangedProductsAndServices: URIRef
    NewAndChangedProductsAndServicesInformation: URIRef
    NewAndChangedServiceComponentInformation: URIRef
    PerformanceInformation: URIRef
    PoliciesRequirementsAndConstraints: URIRef
    PortfolioDecisions: URIRef
    ProductAndServicePerformanceInformation: URIRef
    ProductAndServicePortfolio: URIRef
    ProductAndServiceRequirements: URIRef
    RequirementsAndSpecifications: URIRef
    ServiceComponents: URIRef
    ServicePerformanceInformation: URIRef
    ServicePerformanceReports: URIRef
    ServicesDelivered: URIRef
    StakeholderFeedback: URIRef
    StrategicTacticalAndOperationalPlans: URIRef
    ThirdPartyServiceComponentInformation: URIRef
    UserSupportTaskCompletionInformation: URIRef
    UserSupportTasks: URIRef
    ValueChainPerformanceInformation: URIRef
    AuditFindings: URIRef
    Budgets: URIRef
    DemandForecasts: URIRef
    EngagementPlans: URIRef
    HealthReports: URIRef
    Incidents: URIRef
    IncidentsResolved: URIRef
    MonitoringAlerts: URIRef
    ProductRoadmaps: URIRef
    RequestsFulfilled: URIRef
    ServiceCatalogue: URIRef
    ServiceRequests: URIRef
    UserRequests: URIRef

    # Service value system components and the four dimensions
    SVSGuidingPrinciples: URIRef
    SVSGovernance: URIRef
    SVSServiceValueChain: URIRef
    SVSPractices: URIRef
    SVSContinualImprovement: URIRef
    OrganizationsAndPeople: URIRef
    ValueStreamsAndProcesses: URIRef
    InformationAndTechnology: URIRef
    PartnersAndSuppliers: URIRef

    # External parties
    Customers: URIRef
    GoverningBody: URIRef
    SuppliersAndPartners: URIRef
    Users: URIRef


#: The namespace without the closed-world check, for flow IRIs and other derived names.
SVC_FLOWS = Namespace("https://w3id.org/svco#")
