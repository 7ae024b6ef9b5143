package core

// NewLifoQueue makes a queue that hands out the most recently put item
// first (asyncio.LifoQueue).
func NewLifoQueue(maxsize int, name ...string) *Queue {
	return newQueue("lifo queue", maxsize, &stackStore{}, name)
}

// stackStore is last in, first out.
type stackStore struct {
	items []any
}

func (s *stackStore) put(item any) error {
	s.items = append(s.items, item)
	return nil
}

func (s *stackStore) get() any {
	n := len(s.items) - 1
	item := s.items[n]
	s.items[n] = nil
	s.items = s.items[:n]
	return item
}

func (s *stackStore) len() int { return len(s.items) }
