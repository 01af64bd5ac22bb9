import type { ComponentType } from 'react';
import type { PageId } from '../use-hash-route.ts';
import { BacktestsPage } from './backtests-page.tsx';
import { BusPage } from './bus-page.tsx';
import { FactorsPage } from './factors-page.tsx';
import { MarketPage } from './market-page.tsx';
import { OverviewPage } from './overview-page.tsx';
import { PortfolioPage } from './portfolio-page.tsx';
import { RiskPage } from './risk-page.tsx';
import { VpinPage } from './vpin-page.tsx';

/** The component drawn for each route of the hash router. */
const PAGES: Record<PageId, ComponentType> = {
  overview: OverviewPage,
  market: MarketPage,
  portfolio: PortfolioPage,
  risk: RiskPage,
  vpin: VpinPage,
  factors: FactorsPage,
  backtests: BacktestsPage,
  bus: BusPage,
};

export function PageView({ page }: { page: PageId }) {
  const Page = PAGES[page];
  return <Page />;
}
