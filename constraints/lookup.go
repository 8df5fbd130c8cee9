package constraints

import "fmt"

var shapeIndex = func() map[string]*Shape {
	m := make(map[string]*Shape, len(Shapes))
	for i := range Shapes {
		m[Shapes[i].Name] = &Shapes[i]
	}
	return m
}()

// ShapeNamed returns the table's shape of that name.
func ShapeNamed(name string) (*Shape, bool) {
	s, ok := shapeIndex[name]
	return s, ok
}

// OperationNamed returns the table's operation of that name.
func OperationNamed(name string) (*Operation, bool) {
	for i := range Operations {
		if Operations[i].Name == name {
			return &Operations[i], true
		}
	}
	return nil, false
}

// mustShape is for shapes the table itself names: a missing one is a defect of the table,
// which TestTableIsClosed catches.
func mustShape(name string) *Shape {
	s, ok := shapeIndex[name]
	if !ok {
		panic(fmt.Sprintf("constraints: the table names shape %q but does not define it", name))
	}
	return s
}
