// styled-components: a component whose border color comes from a transient prop, compiled
// by compiler-js's styledComponents transform (component id, minified, transpiled template).
import styled from 'styled-components';

const Box = styled.aside<{ $tone: string }>`
  border-left: 4px solid ${(p) => p.$tone};
  padding: 3px 9px;
  font-style: italic;
`;

export function Note({ children }: { children: string }) {
  return (
    <Box $tone="rgb(10, 120, 60)" className="note">
      {children}
    </Box>
  );
}
