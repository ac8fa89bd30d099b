/**
 * Every GraphQL operation the explorer sends, all against the public API at /graphql.
 * `npm run codegen` reads the `graphql(...)` calls here and writes their types to ./gql/.
 */
import { graphql } from './gql/index.js';

/** The header of an entity on the canvas and in lists. */
export const EntityHeadFragment = graphql(`
  fragment ExplorerEntityHead on Entity {
    id
    kind
    name
    degree
  }
`);

/** A relationship with both ends and every piece of evidence. */
export const RelationshipDetailFragment = graphql(`
  fragment ExplorerRelationshipDetail on Relationship {
    id
    type
    basis
    curation
    sources
    source {
      id
      kind
      name
    }
    target {
      id
      kind
      name
    }
    evidence {
      id
      quote
      start
      end
      basis
      confidence
      document {
        id
        title
      }
    }
  }
`);

export const SearchQuery = graphql(`
  query ExplorerSearch($text: String!, $kinds: [EntityKind!], $first: Int!) {
    search(query: $text, kinds: $kinds, first: $first) {
      score
      entity {
        id
        kind
        name
        aliases
      }
    }
  }
`);

export const EntityQuery = graphql(`
  query ExplorerEntity($id: ID!, $first: Int!, $coMentions: Boolean!) {
    entity(id: $id) {
      __typename
      ...ExplorerEntityHead
      aliases
      description
      curation
      sources
      mentions(first: 0) {
        totalCount
      }
      ... on Actor {
        actorType
        rank
        role
      }
      ... on Unit {
        echelon
        branch
      }
      ... on Policy {
        policyType
        status
      }
      ... on Location {
        locationType
      }
      ... on Event {
        eventType
        startDate
        endDate
        period
      }
      ... on Equipment {
        equipmentType
      }
      relationships(first: $first, includeCoMentions: $coMentions) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...ExplorerRelationshipDetail
          }
        }
      }
    }
  }
`);

export const RelationshipsPageQuery = graphql(`
  query ExplorerRelationshipsPage($id: ID!, $first: Int!, $after: String, $coMentions: Boolean!) {
    entity(id: $id) {
      id
      relationships(first: $first, after: $after, includeCoMentions: $coMentions) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...ExplorerRelationshipDetail
          }
        }
      }
    }
  }
`);

export const NeighborsQuery = graphql(`
  query ExplorerNeighbors($id: ID!, $first: Int!, $after: String, $kinds: [EntityKind!], $types: [RelationshipType!], $coMentions: Boolean!) {
    entity(id: $id) {
      id
      neighbors(first: $first, after: $after, kinds: $kinds, types: $types, includeCoMentions: $coMentions) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          relationshipTypes
          relationshipCount
          node {
            ...ExplorerEntityHead
          }
        }
      }
    }
  }
`);

/** The relationships among entities already on the canvas (at most 100 ids). */
export const EdgesAmongQuery = graphql(`
  query ExplorerEdgesAmong($ids: [ID!]!, $types: [RelationshipType!], $coMentions: Boolean!) {
    subgraph(ids: $ids, depth: 0, types: $types, includeCoMentions: $coMentions, limit: 100) {
      nodes {
        ...ExplorerEntityHead
      }
      edges {
        id
        type
        basis
        curation
        source {
          id
        }
        target {
          id
        }
      }
    }
  }
`);

export const PathsQuery = graphql(`
  query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int!, $types: [RelationshipType!], $first: Int!) {
    paths(fromId: $from, toId: $to, maxHops: $maxHops, types: $types, first: $first) {
      length
      nodes {
        ...ExplorerEntityHead
      }
      hops {
        forward
        from {
          id
          kind
          name
        }
        to {
          id
          kind
          name
        }
        relationship {
          ...ExplorerRelationshipDetail
        }
      }
    }
  }
`);

export const OverviewQuery = graphql(`
  query ExplorerOverview($top: Int!) {
    stats {
      entityCount
      relationshipCount
      documentCount
      mentionCount
      entitiesByKind {
        kind
        count
      }
      relationshipsByType {
        type
        count
      }
      mostConnected(first: $top) {
        degree
        entity {
          id
          kind
          name
        }
      }
    }
  }
`);

export const DocumentsQuery = graphql(`
  query ExplorerDocuments($first: Int!, $after: String) {
    documents(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          source
          publishedAt
          mentions(first: 0) {
            totalCount
          }
        }
      }
    }
  }
`);

export const DocumentQuery = graphql(`
  query ExplorerDocument($id: ID!) {
    document(id: $id) {
      id
      title
      source
      publishedAt
      text
    }
  }
`);

export const DocumentMentionsQuery = graphql(`
  query ExplorerDocumentMentions($id: ID!, $first: Int!, $after: String) {
    document(id: $id) {
      id
      mentions(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            start
            end
            entity {
              id
              kind
              name
            }
          }
        }
      }
    }
  }
`);

/** Review actions (editor key): each answers the fact as it now is. */
export const AcceptRelationshipMutation = graphql(`
  mutation ExplorerAcceptRelationship($id: ID!) {
    acceptRelationship(id: $id) {
      id
      curation
    }
  }
`);

export const RejectRelationshipMutation = graphql(`
  mutation ExplorerRejectRelationship($id: ID!) {
    rejectRelationship(id: $id) {
      id
      curation
    }
  }
`);

export const MergeEntitiesMutation = graphql(`
  mutation ExplorerMergeEntities($survivorId: ID!, $ids: [ID!]!) {
    mergeEntities(survivorId: $survivorId, ids: $ids) {
      ...ExplorerEntityHead
    }
  }
`);
