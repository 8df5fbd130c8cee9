package reports

import "github.com/cognito-conformance/cognito-conformance/catalogue"

// What a scenario's tags mean is decided by package catalogue (catalogue/tags.go); the report
// carries it as the scenario's Meta.

// Evidence levels of the catalogue (catalogue/behaviors.md), one per scenario.
const (
	EvidenceDocumented  = catalogue.Documented
	EvidenceAWSVerified = catalogue.AWSVerified
	EvidenceInferred    = catalogue.Inferred
)

// Meta is what a scenario's tags say about it (catalogue.Classify).
type Meta = catalogue.Meta
