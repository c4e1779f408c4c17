// emotion: a styled component whose color comes from a prop, and a `css` prop, compiled by
// compiler-js's emotion transform (labels, target class names, minified styles).
import { css } from '@emotion/react';
import styled from '@emotion/styled';

const Pill = styled.span<{ tone: string }>`
  display: inline-block;
  padding: 2px 6px;
  color: ${(p) => p.tone};
`;

export function Tag({ children }: { children: string }) {
  return (
    <Pill tone="rgb(200, 30, 90)" className="tag" css={css`
      border-radius: 9px;
      font-weight: 700;
    `}>
      {children}
    </Pill>
  );
}
